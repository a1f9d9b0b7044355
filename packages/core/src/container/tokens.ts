import type { Clock, HttpClient, Logger, Redactor } from '@genhub/provider';
import type { InjectionToken } from 'tsyringe';
import type { GenHubConfig } from '../config/config-schema.js';
import type { GenerationService } from '../pipeline/generation-service.js';
import type { Registry } from '../registry/registry.js';
import type { Store } from '../store/ledger.js';

/** Injection tokens for core's services in the tsyringe container. */
export const Tokens = {
  Config: Symbol.for('genhub.Config') as InjectionToken<GenHubConfig>,
  Env: Symbol.for('genhub.Env') as InjectionToken<Readonly<Record<string, string | undefined>>>,
  Clock: Symbol.for('genhub.Clock') as InjectionToken<Clock>,
  Redactor: Symbol.for('genhub.Redactor') as InjectionToken<Redactor>,
  Logger: Symbol.for('genhub.Logger') as InjectionToken<Logger>,
  HttpClient: Symbol.for('genhub.HttpClient') as InjectionToken<HttpClient>,
  Registry: Symbol.for('genhub.Registry') as InjectionToken<Registry>,
  Store: Symbol.for('genhub.Store') as InjectionToken<Store>,
  GenerationService: Symbol.for('genhub.GenerationService') as InjectionToken<GenerationService>,
  ShutdownSignal: Symbol.for('genhub.ShutdownSignal') as InjectionToken<AbortSignal>,
} as const;
