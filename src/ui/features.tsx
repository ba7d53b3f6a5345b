import type { KubeConfig } from '@kubernetes/client-node';
import type { FrameWriter } from '../frame-writer.js';
import type { AppProps } from './App.js';
import { allKeys } from './keys/index.js';
import type { KeyBinding } from './keys/key-binding.js';

export interface FeatureOptions {
  readOnly: boolean;
  kc: KubeConfig;
  /** The screen writer, to repaint after a full-screen program (the editor) returns. */
  frames: FrameWriter;
}

/** kdeck's features beyond the core views (panels, actions, the pane), wired into the app in one place. */
export interface Features {
  keys: KeyBinding[];
  renderExtra: AppProps['renderExtra'];
  onResourceKey: AppProps['onResourceKey'];
  overlay: AppProps['overlay'];
  dispose(): void;
}

export function features(_opts: FeatureOptions): Features {
  return {
    keys: allKeys(),
    renderExtra: undefined,
    onResourceKey: undefined,
    overlay: undefined,
    dispose: () => undefined,
  };
}
