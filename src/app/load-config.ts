import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type LoadedConfig, parseConfig } from '../model/config.js';

export function configDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? homedir(), '.config');
  return join(base, 'kdeck');
}

/** $XDG_CONFIG_HOME/kdeck/config.yaml, or the defaults when there is none. */
export function loadConfig(env: NodeJS.ProcessEnv): LoadedConfig {
  const file = join(configDir(env), 'config.yaml');
  if (!existsSync(file)) return { config: { ...DEFAULT_CONFIG }, file };
  return parseConfig(readFileSync(file, 'utf8'), file);
}
