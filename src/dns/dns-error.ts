/** What went wrong talking to a DNS server, in words a person can act on. Never carries key material. */
export type DnsErrorCode =
  | 'unreachable'
  | 'timeout'
  | 'refused'
  | 'notauth'
  | 'nxdomain'
  | 'servfail'
  | 'badkey'
  | 'badsig'
  | 'badtime'
  | 'unsigned'
  | 'formerr'
  | 'rcode';

export class DnsError extends Error {
  override readonly name = 'DnsError';
  constructor(
    readonly code: DnsErrorCode,
    message: string,
    /** host:port of the server, so the status line can say whom we asked. */
    readonly server: string,
  ) {
    super(message);
  }
}
