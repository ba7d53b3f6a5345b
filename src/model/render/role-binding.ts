import type { RbacV1Subject, V1ClusterRoleBinding, V1RoleBinding } from '@kubernetes/client-node';
import type { Renderer } from '../table.js';
import { AGE, ageOf, deleting, makeRow, NAME } from './common.js';

/** SubjectsStrings in rbac helpers: users, groups and `namespace:name` service accounts, each `, `-joined. */
export function subjectStrings(subjects: RbacV1Subject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}:${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

/** printRoleBinding / printClusterRoleBinding: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingRenderer: Renderer<V1RoleBinding | V1ClusterRoleBinding> = {
  columns: [
    NAME,
    { name: 'ROLE' },
    AGE,
    { name: 'USERS', wide: true },
    { name: 'GROUPS', wide: true },
    { name: 'SERVICEACCOUNTS', wide: true },
  ],
  render(rb, ctx) {
    const [age, created] = ageOf(rb, ctx.now);
    const [users, groups, sas] = subjectStrings(rb.subjects);
    return makeRow(
      rb,
      [rb.metadata?.name ?? '', `${rb.roleRef.kind}/${rb.roleRef.name}`, age, users, groups, sas],
      deleting(rb) ? 'deleting' : 'neutral',
      [undefined, undefined, created],
    );
  },
};
