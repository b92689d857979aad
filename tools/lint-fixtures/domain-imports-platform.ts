// Linted as libs/domain: the domain layer depending on plumbing (type:domain → type:platform).
import { loadConfig } from '@nemkonto/platform-config';

export const load = loadConfig;
