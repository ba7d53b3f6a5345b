import type { GroupVersionResource } from '../controller.js';
import type { ResourceType } from './resources.js';

/** A request for a resource collection or object, parsed from its path. */
export interface ResourcePath {
  type: ResourceType;
  gvr: GroupVersionResource;
  namespace?: string;
  name?: string;
  subresource?: string;
}
