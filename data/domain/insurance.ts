/**
 * Insurance financial assistance (OPIN): loans that insurers and pension
 * funds grant to their participants, backed by the participant's reserve
 * (PM BaC). The insurer is a brand with one or two companies (valid CNPJs);
 * each contract has a SUSEP process number, insureds whose document matches
 * its type, a monthly PRICE schedule, and one movement per instalment paid.
 */
import { generateCnpj, generateCpf } from '../brazil/documents.ts';
import { personName } from '../brazil/people.ts';
import { susepProcessNumber } from '../brazil/registry.ts';
import { rngFor } from '../random.ts';
import { addMonths, startOfDay } from '../schema/dates.ts';
import { buildSchedule, cetAnnual, iofCents, type Instalment } from './amortization.ts';
import type { WorldCore } from './core.ts';

export interface Insurer {
  brand: string;
  companies: Array<{ name: string; cnpj: string }>;
}

interface Insured {
  documentType: 'CPF' | 'CNPJ' | 'PASSAPORTE' | 'OUTROS';
  documentNumber: string;
  name: string;
}

export interface AssistanceContract {
  id: string;
  certificateId: string;
  groupContractId?: string;
  companyIndex: number;
  susepProcessNumber: string;
  insureds: Insured[];
  startDate: number;
  principalCents: number;
  monthlyRate: number;
  schedule: Instalment[];
  taxesCents: number;
  adminFeeCents: number;
  cet: number;
  paid: number;
  pastDue: number;
  /** The participant's reserve that backs the loan (PM BaC), in cents. */
  reserveCents: number;
}

const INSURER_WORDS = [
  'Porto',
  'Horizonte',
  'Aliança',
  'Atlântico',
  'Cruzeiro',
  'Vanguarda',
  'Confiança',
  'Serra Azul',
  'Planalto',
  'Litoral',
];

export function insurerOf(core: WorldCore): Insurer {
  return core.once('insurer', () => {
    const rng = rngFor(core.hash, 'insurer');
    const word = rng.pick(INSURER_WORDS);
    const companies = [{ name: `${word} Vida e Previdência S.A.`, cnpj: generateCnpj(rng) }];
    if (rng.chance(0.5)) companies.push({ name: `${word} Capitalização S.A.`, cnpj: generateCnpj(rng) });
    return { brand: `${word} Seguros`, companies };
  });
}

export function assistanceContractsOf(core: WorldCore): AssistanceContract[] {
  return core.once('assistance', () => {
    const rng = rngFor(core.hash, 'assistance');
    return Array.from({ length: rng.int(1, 3) }, (_, i) => makeContract(core, i));
  });
}

function makeContract(core: WorldCore, index: number): AssistanceContract {
  const rng = rngFor(core.hash, 'assistance-contract', index);
  const customer = core.customer;
  const insurer = insurerOf(core);
  const n = rng.pick([12, 18, 24, 36, 48]);
  const startDate = startOfDay(addMonths(core.now, -rng.int(1, Math.min(n - 1, 30))));
  const principalCents = (rng.int(20, 400) * 100_00) / 2;
  const monthlyRate = Math.round(rng.float(0.009, 0.022) * 1e4) / 1e4;
  const dates = Array.from({ length: n }, (_, k) => addMonths(startDate, k + 1));
  const schedule = buildSchedule('PRICE', principalCents, monthlyRate, dates);
  const taxes = iofCents(principalCents, schedule, startDate);
  const adminFee = Math.round(principalCents * 0.01);
  const due = schedule.filter((s) => s.dueDate < core.now).length;
  const pastDue = due > 2 && rng.chance(0.2) ? 1 : 0;
  const insureds: Insured[] = [{ documentType: 'CPF', documentNumber: customer.cpf, name: customer.name }];
  if (rng.chance(0.3)) insureds.push({ documentType: 'CPF', documentNumber: generateCpf(rng), name: personName(rng).name });
  return {
    id: `FA-${rng.digits(10)}`,
    certificateId: `CERT-${rng.digits(12)}`,
    groupContractId: rng.chance(0.5) ? `GRP-${rng.digits(8)}` : undefined,
    companyIndex: index % insurer.companies.length,
    susepProcessNumber: susepProcessNumber(rng, new Date(startDate).getUTCFullYear() - rng.int(1, 8)),
    insureds,
    startDate,
    principalCents,
    monthlyRate,
    schedule,
    taxesCents: taxes,
    adminFeeCents: adminFee,
    cet: cetAnnual(principalCents - taxes - adminFee, schedule, startDate),
    paid: due - pastDue,
    pastDue,
    reserveCents: Math.round(principalCents * rng.float(1.3, 3)),
  };
}
