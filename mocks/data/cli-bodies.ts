/**
 * The bodies `aferir data --spec --operation` prints. Body 0 comes from the
 * world of `--seed` itself (the customer `aferir mock --seed` serves); body i
 * from the neighbouring world `<seed>#i`, so N bodies show N customers. The
 * request is the world's valid request for the operation (existing ids, a
 * 30-day booking window, D-6..D for transactions-current).
 */
import { loadSpec } from '../../specs/load.ts';
import { findOperation, responseSchemaFor } from '../../specs/lookup.ts';
import { UsageError } from '../../specs/errors.ts';
import { buildEnvelope } from './envelope.ts';
import { createWorld } from './index.ts';
import { plannerFor } from './planners.ts';
import { rngFor, seedHash } from './random.ts';
import { OMIT } from './schema/plan.ts';
import type { Family } from '../../specs/types.ts';

const ERRORS: Record<number, [string, string, string]> = {
  400: ['PARAMETRO_INVALIDO', 'Parâmetro inválido', 'Um parâmetro da requisição não atende ao formato esperado.'],
  401: ['NAO_AUTORIZADO', 'Não autorizado', 'O token de acesso está ausente, expirado ou é inválido.'],
  403: ['PERMISSAO_NEGADA', 'Permissão negada', 'O consentimento não inclui a permissão exigida por este recurso.'],
  404: ['NAO_ENCONTRADO', 'Recurso não encontrado', 'O identificador informado não existe para este cliente.'],
  405: ['METODO_NAO_PERMITIDO', 'Método não permitido', 'Este recurso não aceita o método HTTP usado.'],
  406: ['FORMATO_NAO_ACEITO', 'Formato não aceito', 'O cabeçalho Accept pede um formato que a API não oferece.'],
  408: ['TEMPO_ESGOTADO', 'Tempo esgotado', 'A requisição demorou mais do que o permitido.'],
  422: ['PARAMETRO_INVALIDO', 'Requisição não processável', 'Os parâmetros são válidos no formato, mas não podem ser atendidos.'],
  423: ['RECURSO_BLOQUEADO', 'Recurso bloqueado', 'O recurso está temporariamente bloqueado.'],
  429: ['LIMITE_EXCEDIDO', 'Muitas requisições', 'O limite de requisições foi excedido; tente novamente mais tarde.'],
  500: ['ERRO_INTERNO', 'Erro interno', 'Ocorreu um erro inesperado no servidor.'],
  504: ['TEMPO_ESGOTADO_GATEWAY', 'Gateway sem resposta', 'O serviço de origem não respondeu a tempo.'],
  529: ['SITE_SOBRECARREGADO', 'Site sobrecarregado', 'O serviço está sobrecarregado no momento.'],
};

/** Facts for an error body in each family's shape; the planner fills and checks them against the status's schema. */
function errorFacts(family: Family, status: number, requestId: string, now: Date): unknown {
  const [code, title, detail] = ERRORS[status] ?? [`HTTP_${status}`, `Erro ${status}`, 'A requisição não pôde ser atendida.'];
  if (family === 'belvo') return [{ code: code.toLowerCase(), message: detail, request_id: requestId }];
  if (family === 'originator') return { code, message: detail, details: OMIT };
  return { errors: [{ code, title, detail }], meta: { totalRecords: 1, totalPages: 1, requestDateTime: new Date(Math.floor(now.getTime() / 1000) * 1000) } };
}

export interface BodyOptions {
  spec: string;
  operation: string;
  /** Response status whose body to generate (default '200'): success bodies come from the domain, others from their schema. */
  status: string;
  count: number;
  seed: string;
  now: Date;
}

export async function generateBodies(options: BodyOptions): Promise<unknown[]> {
  const spec = await loadSpec(options.spec);
  const operation = findOperation(spec, options.operation);
  const schema = responseSchemaFor(spec, operation, options.status);
  const success = /^2/.test(options.status);
  const bodies: unknown[] = [];
  for (let i = 0; i < options.count; i++) {
    const seed = i === 0 ? options.seed : `${options.seed}#${i}`;
    const world = createWorld({ seed, now: options.now });
    if (!success) {
      const rng = rngFor(seedHash(seed), `error:${operation.id}:${options.status}`);
      bodies.push(plannerFor(spec).generate(schema, rng, { now: options.now.getTime() }, errorFacts(spec.family, Number(options.status), rng.hex(32), options.now)));
      continue;
    }
    const request = world.validRequest(spec, operation, 0);
    const answer = world.resolve(spec, operation, request);
    if (answer.kind === 'not-found' || answer.kind === 'unprocessable') {
      throw new UsageError(`${operation.id} of ${spec.id} has no data for its generated request (${answer.message}); try another operation or seed.`);
    }
    bodies.push(buildEnvelope(spec, operation, answer, { seed, requestDateTime: options.now, pathParams: request.pathParams, query: request.query }));
  }
  return bodies;
}
