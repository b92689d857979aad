import './instrument';
import { bootstrapService } from '@nemkonto/platform-service-kit';
import { serviceDefinition } from './service.definition';

void bootstrapService(serviceDefinition);
