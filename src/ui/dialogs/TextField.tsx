import { Text, useInput } from 'ink';
import type { Theme } from '../theme.js';

export interface TextFieldProps {
  value: string;
  onChange(value: string): void;
  onSubmit?(value: string): void;
  onCancel?(): void;
  focus: boolean;
  theme: Theme;
  placeholder?: string;
}

/** A one-line input: typing appends, backspace deletes, enter submits, esc cancels; the cursor sits at the end. */
export function TextField({
  value,
  onChange,
  onSubmit,
  onCancel,
  focus,
  theme,
  placeholder,
}: TextFieldProps) {
  useInput(
    (input, key) => {
      if (key.return) onSubmit?.(value);
      else if (key.escape) onCancel?.();
      else if (key.backspace || key.delete) onChange(value.slice(0, -1));
      else if (key.ctrl && input === 'u') onChange('');
      else if (input && !key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow)
        onChange(value + input);
    },
    { isActive: focus },
  );
  if (value === '' && placeholder) {
    return (
      <Text color={theme.dim || undefined}>
        {focus ? '█' : ' '}
        {placeholder}
      </Text>
    );
  }
  return (
    <Text>
      {value}
      {focus ? '█' : ''}
    </Text>
  );
}
