// Test helper: a deeply reactive copy of a value, as the editor holds its draft ($state).
export function reactive<T extends object>(value: T): T {
  const s = $state(value);
  return s;
}
