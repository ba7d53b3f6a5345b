/** ClusterRoles print exactly as Roles do (printClusterRole). */
export { roleRenderer as clusterRoleRenderer } from './role.js';
