/**
 * What every request handler shares: the clock, the data world (rebuilt when
 * the unpinned clock passes midnight, so "the last 7 days" keep moving), the
 * response cache, fault injection and the log.
 */
import type { World, WorldOptions } from '../../data/api.ts';
import type { MockClock } from './clock.ts';
import type { ConsentAccess } from './consent-access.ts';
import type { BodySigner } from './signed-body.ts';
import type { CreatedResources } from './created-resources.ts';
import type { FaultInjector } from './faults.ts';
import type { ResponseCache } from './response-cache.ts';

const DAY_MS = 86_400_000;

export class MockRuntime {
  private current: World;
  private worldDayEnd: number;
  private readonly warned = new Set<string>();
  /** Answers held back by injected latency; cleared on close so the process can exit at once. */
  readonly pending = new Set<NodeJS.Timeout>();
  /** Resources POSTs created, kept for the routes that name their id (created-resources.ts). Default: none. */
  created?: CreatedResources;
  /** `host:port` the mock listens on, for links when a request's Host cannot be used. */
  listening = '127.0.0.1';
  /** Consents, token checks and shareable resources (set by startMock). */
  consentAccess?: ConsentAccess;
  /** The `user:password` pairs HTTP basic accepts (`--basic-auth`); undefined = any pair. */
  basicPairs?: ReadonlySet<string>;
  /** Signs `application/jwt` bodies; set by startMock when a mounted operation documents one. */
  signer?: BodySigner;

  constructor(
    readonly clock: MockClock,
    private readonly createWorld: (options: WorldOptions) => World,
    readonly seed: string | number,
    readonly cache: ResponseCache,
    readonly faults: FaultInjector,
    private readonly logLine: (line: string) => void,
    readonly quiet: boolean,
    readonly maxBodyBytes: number,
    /** Sizes of the world beyond seed and clock (`--world large`). Default: none. */
    private readonly worldSize: Pick<WorldOptions, 'recordsPerList' | 'transactionsPerAccount'> = {},
  ) {
    this.current = createWorld({ seed, now: clock.now(), ...worldSize });
    this.worldDayEnd = dayEnd(clock.nowMs());
  }

  /** The world for today; a new day (unpinned clock only) means a new world and an empty cache. */
  world(): World {
    if (!this.clock.isPinned) {
      const now = this.clock.nowMs();
      if (now >= this.worldDayEnd) {
        this.current = this.createWorld({ seed: this.seed, now: new Date(now), ...this.worldSize });
        this.worldDayEnd = dayEnd(now);
        this.cache.clear();
      }
    }
    return this.current;
  }

  /** One request line (unless quiet). */
  request(line: string): void {
    if (!this.quiet) this.logLine(line);
  }

  /** A warning, written once per key however often it happens. */
  warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logLine(`warning: ${message}`);
  }

  info(message: string): void {
    this.logLine(message);
  }
}

function dayEnd(ms: number): number {
  return (Math.floor(ms / DAY_MS) + 1) * DAY_MS;
}
