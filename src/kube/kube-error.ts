/** A failed API call as the UI shows it: what failed, on which object, what to do. */
export class KubeError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** metav1.Status reason (NotFound, Conflict, Forbidden, Expired, …) or a transport code (ECONNREFUSED). */
    readonly reason: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'KubeError';
  }

  get unreachable(): boolean {
    return this.status === 0;
  }

  get gone(): boolean {
    return this.status === 410;
  }
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
}

/** Builds the error from a response body, preferring the server's metav1.Status message. */
export function errorFromResponse(method: string, path: string, status: number, body: string): KubeError {
  let parsed: StatusBody | undefined;
  try {
    parsed = JSON.parse(body) as StatusBody;
  } catch {
    parsed = undefined;
  }
  const reason = parsed?.reason ?? reasonForStatus(status);
  const message = parsed?.message ?? (body.trim().slice(0, 200) || `${status} ${reason}`);
  return new KubeError(message, status, reason, method, path);
}

export function errorFromTransport(method: string, path: string, server: string, err: unknown): KubeError {
  const code = (err as { code?: string }).code ?? 'NetworkError';
  const detail = err instanceof Error ? err.message : String(err);
  const hint =
    code === 'ECONNREFUSED'
      ? `nothing listens at ${server}; is the cluster up?`
      : code === 'ENOTFOUND'
        ? `cannot resolve the host of ${server}`
        : code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
          ? `TLS failed (${detail}); check certificate-authority in the kubeconfig`
          : detail;
  return new KubeError(`cannot reach ${server}: ${hint}`, 0, code, method, path);
}

function reasonForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 410:
      return 'Gone';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    default:
      return status >= 500 ? 'InternalError' : 'Unknown';
  }
}
