import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { binDir } from './paths.js';

/** Pods with this label crash-loop forever instead of becoming Ready. */
export const crashLoopLabel = 'kdeck.test/crash-loop';

interface MatchExpression {
  key: string;
  operator: string;
  values?: string[];
}

interface Stage {
  metadata: { name: string };
  spec: { selector?: { matchExpressions?: MatchExpression[] } };
}

// Restarts every 10s with a growing restartCount, as kubelet's back-off shows it in `kubectl get pods`.
const crashLoopStage = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name: 'kdeck-crash-loop' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: {
      matchExpressions: [
        { key: `.metadata.labels["${crashLoopLabel}"]`, operator: 'In', values: ['true'] },
        { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
      ],
    },
    delay: { durationMilliseconds: 10_000, jitterDurationMilliseconds: 11_000 },
    next: {
      statusTemplate: `{{ $now := Now }}
{{ $restarts := 0 }}
{{ range .status.containerStatuses }}{{ $restarts = add .restartCount 1 }}{{ end }}
conditions:
- lastTransitionTime: {{ $now | Quote }}
  status: "True"
  type: Initialized
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  type: Ready
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  type: ContainersReady
- lastTransitionTime: {{ $now | Quote }}
  status: "True"
  type: PodScheduled
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: false
  started: false
  restartCount: {{ $restarts }}
  lastState:
    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
  state:
    waiting:
      reason: CrashLoopBackOff
      message: back-off 10s restarting failed container
{{ end }}
hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}
phase: Running
startTime: {{ or .status.startTime $now | Quote }}
`,
    },
  },
};

/** kwok's default stages from the pinned module, with the crash-loop stage added and excluded from pod-ready. */
export function stageDocuments(): string[] {
  const dir = join(dirname(binDir()), 'kwok-stages');
  const docs: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    const stage = parse(readFileSync(join(dir, file), 'utf8')) as Stage;
    if (stage.metadata.name === 'pod-ready') {
      stage.spec.selector?.matchExpressions?.push({
        key: `.metadata.labels["${crashLoopLabel}"]`,
        operator: 'DoesNotExist',
      });
    }
    docs.push(stringify(stage));
  }
  docs.push(stringify(crashLoopStage));
  return docs;
}
