import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
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

/** A one-line input: typing appends, backspace deletes, ctrl-u clears, enter submits, esc cancels. */
export function TextField({
  value,
  onChange,
  onSubmit,
  onCancel,
  focus,
  theme,
  placeholder,
}: TextFieldProps) {
  // Keys typed faster than a render (or pasted) each see the text the previous one left.
  const latest = useRef(value);
  latest.current = value;
  const change = (next: string) => {
    latest.current = next;
    onChange(next);
  };
  useInput(
    (input, key) => {
      if (key.return) onSubmit?.(latest.current);
      else if (key.escape) onCancel?.();
      else if (key.backspace || key.delete) change(latest.current.slice(0, -1));
      else if (key.ctrl && input === 'u') change('');
      else if (!key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow) {
        // Control bytes (a DEL glued to the next key, escape remnants) never become text.
        const text = [...input].filter((c) => c >= ' ' && c !== '\u007f').join('');
        if (text) change(latest.current + text);
      }
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

/** A dialog's one value and the problem its last submit had; editing clears the problem. */
export function useCheckedValue() {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const edit = (next: string) => {
    setValue(next);
    setProblem(undefined);
  };
  return { value, setValue, problem, setProblem, edit };
}

export interface CheckedFieldProps extends Omit<TextFieldProps, 'focus'> {
  label: string;
  problem: string | undefined;
}

/** A labelled, focused field with the problem under it: what a dialog shows to ask for one value. */
export function CheckedField({ label, problem, theme, ...field }: CheckedFieldProps) {
  return (
    <>
      <Box>
        <Text>{label}: </Text>
        <TextField {...field} theme={theme} focus />
      </Box>
      {problem ? <Text color={theme.error || undefined}>{problem}</Text> : null}
    </>
  );
}
