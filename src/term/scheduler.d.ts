// React's scheduler (a dependency of Ink and react-reconciler) ships no types; kdeck uses these two.
declare module 'scheduler' {
  export const unstable_IdlePriority: number;
  export function unstable_scheduleCallback(priority: number, callback: () => void): unknown;
}
