// Linted as apps/payment-intake: its own scope's libraries and shared ones. Must lint clean.
import { Exchanges } from '@nemkonto/contracts';
import { Cpr } from '@nemkonto/domain';
import { loadConfig } from '@nemkonto/platform-config';
import * as pain001 from '@nemkonto/payment-intake-pain001';

export const allowed = [Exchanges, Cpr, loadConfig, pain001];
