// Regenerates docs/asyncapi.yaml from the message catalogue and the service topologies.
import { buildAsyncApiDocument } from '@nemkonto/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';

const target = join(__dirname, '..', '..', 'docs', 'asyncapi.yaml');
writeFileSync(target, dump(buildAsyncApiDocument(), { noRefs: true, lineWidth: 120 }));
console.log(`wrote ${target}`);
