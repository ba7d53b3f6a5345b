/** ClusterRoleBindings print exactly as RoleBindings do (printClusterRoleBinding). */
export { roleBindingRenderer as clusterRoleBindingRenderer } from './role-binding.js';
