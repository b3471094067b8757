/**
 * String fields recognised by name, parent name and rules. Each rule returns
 * a producer of candidates (a string, or a Date/Day for the plan to write in
 * the field's date style); the plan checks every candidate, so a rule only
 * has to be plausible, not perfect. Consistency between siblings (document
 * and its type, check digit and its account, company and its brand) comes
 * from reading the siblings generated before (see the plan's priority order).
 */
import type { JsonSchemaObject } from '../../specs/json-schema.ts';
import { compilePattern } from '../../specs/pattern-health.ts';
import { allBanks, bankAccountNumber, bankByCompe, isValidAccountDigit, retailBanks, type Bank } from '../brazil/banks.ts';
import { cnpjFromBase, generateAlphanumericCnpj, generateCnpj, generateCpf } from '../brazil/documents.ts';
import { cep, companyName, email, mobilePhone, municipality, personName, streetAddress } from '../brazil/people.ts';
import { pixKey, pixKeyTypeOf } from '../brazil/pix.ts';
import { susepProcessNumber } from '../brazil/registry.ts';
import { Rng } from '../random.ts';
import { compileLeafCheck } from '../schema/checks.ts';
import { DAY_MS, Day } from '../schema/dates.ts';
import type { FieldHint, GenState, Producer, Siblings } from '../schema/plan.ts';
import { sentence } from '../schema/text.ts';
import { orderedDate } from './date-order.ts';
import { amountNumber, amountRange, decimalsFor, isAmountName, isRateName, rateRange } from './money.ts';
import { FEES, productName, REMARKS, TPP_NAMES } from './vocabulary.ts';

const KNOWN_ALNUM_CNPJ = cnpjFromBase('12ABC34501DE');

/** Lowercase, without separators: `partie_CnpjCpf` → `partiecnpjcpf`. */
const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function siblingValue(siblings: Siblings, ...names: string[]): unknown {
  if (!siblings) return undefined;
  for (const name of names) if (siblings[name] !== undefined && siblings[name] !== null) return siblings[name];
  return undefined;
}

/** Which document a sibling says this is: from personType/documentType/key_type/holder type values. */
function documentKindFromSiblings(siblings: Siblings): 'cpf' | 'cnpj' | 'passport' | 'other' | undefined {
  if (!siblings) return undefined;
  for (const [key, value] of Object.entries(siblings)) {
    if (typeof value !== 'string' || !/type|kind|rel$/i.test(key)) continue;
    const v = value.toUpperCase();
    if (/PESSOA_NATURAL|^CPF$|^PERSON$|NATURAL|^PF$|TAXPAYER_ID/.test(v)) return 'cpf';
    if (/PESSOA_JURIDICA|^CNPJ$|^BUSINESS$|JURIDICA|^PJ$|COMPANY/.test(v)) return 'cnpj';
    if (/PASSAPORTE|PASSPORT/.test(v)) return 'passport';
    if (/OUTROS|OTHER/.test(v)) return 'other';
  }
  return undefined;
}

function documentProducer(schema: JsonSchemaObject, hint: FieldHint): Producer {
  const n = norm(hint.name);
  const p = norm(hint.parent);
  const byName =
    /cnpj/.test(n) && !/cpf/.test(n)
      ? 'cnpj'
      : /cpf/.test(n) && !/cnpj/.test(n)
        ? 'cpf'
        : /business|company|companies/.test(`${n} ${p}`)
          ? 'cnpj'
          : undefined;
  const alnumAllowed = typeof schema.pattern === 'string' && compilePattern(schema.pattern).test(KNOWN_ALNUM_CNPJ);
  // A field that only fits one of them (the consents' loggedUser document: 11 digits; businessEntity: 14) is that one.
  const acceptsCpf = typeof schema.pattern !== 'string' || compilePattern(schema.pattern).test('52998224725');
  const byLength = schema.maxLength === 11 ? 'cpf' : schema.maxLength === 14 && !acceptsCpf ? 'cnpj' : undefined;
  return (state, siblings) => {
    const kind = documentKindFromSiblings(siblings) ?? byName ?? byLength ?? (state.rng.chance(0.75) ? 'cpf' : 'cnpj');
    const rng = state.rng;
    switch (kind) {
      case 'cpf':
        return generateCpf(rng);
      case 'cnpj':
        return alnumAllowed && rng.chance(0.2) ? generateAlphanumericCnpj(rng) : generateCnpj(rng);
      case 'passport':
        return `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(6)}`;
      default:
        return `${rng.digits(2)}${rng.digits(3)}${rng.digits(3)}${rng.int(0, 9)}`;
    }
  };
}

function bankFromSiblings(siblings: Siblings, rng: Rng): Bank {
  const compe = siblingValue(siblings, 'compeCode', 'partieCompeCode', 'bank_code', 'bankCode', 'compe');
  const ispb = siblingValue(siblings, 'ispb', 'ispb_code', 'ispbCode');
  return (
    (typeof compe === 'string' ? bankByCompe(compe) : undefined) ??
    (typeof ispb === 'string' ? allBanks().find((b) => b.ispb === ispb) : undefined) ??
    rng.pick(retailBanks())
  );
}

/** Picks the first of several textual forms the field accepts, decided once per field. */
function firstAccepted(schema: JsonSchemaObject, forms: Array<(rng: Rng) => string>, probe: Rng): ((rng: Rng) => string) | undefined {
  const check = compileLeafCheck(schema);
  return forms.find((form) => check(form(probe)));
}

function dateProducer(hint: FieldHint, dateOnly: boolean): Producer {
  const n = hint.name.toLowerCase();
  const Kind = dateOnly ? Day : Date;
  return (state, siblings) => {
    const now = state.env.now;
    const rng = state.rng;
    const unit = dateOnly ? DAY_MS : 1000;
    // Kept in order with the dated siblings already generated (start ≤ end, issue ≤ due…).
    const at = (days: number) => new Kind(Math.floor(orderedDate(hint.name, now + days * DAY_MS, siblings, rng) / unit) * unit);
    if (/birth|nascimento/.test(n)) return at(-rng.int(20 * 365, 75 * 365));
    if (/due|vencimento|expir|valid|until|next|last_?date$|lastdate|end|maturity|final|scheduled|cutting/.test(n))
      return at(rng.int(1, 365));
    if (/request|update|processed|accessed|collected/.test(n)) return at(-rng.float(0, 2));
    return at(-rng.float(1, 720));
  };
}

export function stringSemantics(schema: JsonSchemaObject, hint: FieldHint): Producer | undefined {
  const n = norm(hint.name);
  const p = norm(hint.parent);
  const probe = new RngProbe();

  // Documents (CPF/CNPJ/passport), consistent with the document type beside them.
  if (
    /cpf|cnpj|taxpayer|documentnumber|^document$|^identification$|documentid|loggeduserdocument|businessentitydocument|^taxid|nationalid/.test(
      n,
    )
  ) {
    return documentProducer(schema, hint);
  }
  if (n === 'rel') return () => (schema.maxLength === 4 || /\{4\}/.test(String(schema.pattern)) ? 'CNPJ' : 'CPF');

  // Banks: COMPE, ISPB, branch, account number and check digit that belong together.
  if (/compecode$|^bankcode$|^compe$/.test(n)) return (state, siblings) => bankFromSiblings(siblings, state.rng).compe;
  if (/ispb/.test(n)) return (state, siblings) => bankFromSiblings(siblings, state.rng).ispb;
  if (/branchcode$|^agency$|^branch$|bankbranch|^agencia$/.test(n)) return (state) => String(state.rng.int(1, 4999)).padStart(4, '0');
  if (
    /^(partie)?number$|^accountnumber$|^bankaccount$|^account$/.test(n) &&
    (/account|partie|bank|external/.test(`${n} ${p}`) || /\\d\{8/.test(String(schema.pattern)))
  ) {
    return (state, siblings) => bankAccountNumber(state.rng, bankFromSiblings(siblings, state.rng).compe).account.padStart(8, '0');
  }
  if (/checkdigit$|bankaccountdigit|^digit$|accountdigit/.test(n)) {
    return (state, siblings) => {
      const bank = bankFromSiblings(siblings, state.rng);
      const branch = String(siblingValue(siblings, 'branchCode', 'partieBranchCode', 'agency', 'bank_branch') ?? '0001');
      const account = siblingValue(siblings, 'number', 'partieNumber', 'bank_account', 'account_number');
      if (typeof account === 'string') {
        for (const digit of [...'0123456789X'])
          if (isValidAccountDigit(bank.compe, branch, account.replace(/^0+(?=\d)/, ''), digit)) return digit;
      }
      return String(state.rng.int(0, 9));
    };
  }

  // People and companies.
  if (n === 'brandname' || (n === 'name' && p === 'brand')) {
    return p === 'brand' || /insurance|opin/.test(p)
      ? (state) => `${personName(state.rng).name.split(' ').pop()} Seguros`
      : (state) => state.rng.pick(retailBanks()).brand;
  }
  if (n === 'companyname' || n === 'legalname') {
    return (state, siblings) => {
      const brand = siblingValue(siblings, 'brandName');
      const bank = typeof brand === 'string' ? retailBanks().find((b) => b.brand === brand) : undefined;
      if (bank) return bank.name;
      return p === 'companies' ? `${personName(state.rng).name.split(' ').pop()} Seguros S.A.` : companyName(state.rng);
    };
  }
  if (n === 'alias' || n === 'tradename' || n === 'fantasyname') return (state) => companyName(state.rng).split(/[ ,&]/)[0];
  if (n === 'name' && p === 'tpp') return (state) => state.rng.pick(TPP_NAMES);
  if (n === 'name' && p === 'institution')
    return (state) =>
      `${state.rng
        .pick(retailBanks())
        .brand.toLowerCase()
        .replace(/[^a-z]+/g, '')}_br_retail`;
  if (/^(full|civil|social|holder|customer|borrower|beneficiary|insured|person)?name$/.test(n) || n === 'nome') {
    if (/compan|business|employer|funding|legal|merchant|store/.test(p)) return (state) => companyName(state.rng);
    return (state) => personName(state.rng).name;
  }
  if (n === 'productname') return (state, siblings) => productName(siblingValue(siblings, 'productSubType', 'productType'), state.rng);
  if (n === 'feename') return (state) => state.rng.pick(FEES)[0];
  if (n === 'feecode') return (state, siblings) => FEES.find(([name]) => name === siblings?.feeName)?.[1] ?? state.rng.pick(FEES)[1];
  if (n === 'transactionname') return (state) => `PIX ENVIADO - ${personName(state.rng).name.toUpperCase()}`;

  // Contact and places.
  if (/email/.test(n))
    return (state, siblings) => email(state.rng, String(siblingValue(siblings, 'name', 'fullName') ?? personName(state.rng).name));
  if (/phone|telefone|celular|mobile/.test(n)) {
    const form = firstAccepted(
      schema,
      [
        (rng) => {
          const m = mobilePhone(rng);
          return `+55${m.areaCode}${m.number}`;
        },
        (rng) => {
          const m = mobilePhone(rng);
          return `${m.areaCode}${m.number}`;
        },
        (rng) => {
          const m = mobilePhone(rng);
          return `(${m.areaCode}) ${m.number.slice(0, 5)}-${m.number.slice(5)}`;
        },
      ],
      probe.rng,
    );
    return form ? (state) => form(state.rng) : undefined;
  }
  if (/^cep$|postcode|postalcode|zipcode/.test(n)) {
    const form = firstAccepted(
      schema,
      [
        (rng) => cep(rng),
        (rng) => {
          const c = cep(rng);
          return `${c.slice(0, 5)}-${c.slice(5)}`;
        },
      ],
      probe.rng,
    );
    return form ? (state) => form(state.rng) : undefined;
  }
  if (/ibge|citycode|municipalitycode|codmun/.test(n)) return (state) => municipality(state.rng).ibgeCode;
  if (/^(city|town|cidade|municipality)(name)?$/.test(n)) return (state) => municipality(state.rng).city;
  if (/^(state|uf|countrysubdivision)$/.test(n)) return (state) => municipality(state.rng).state;
  if (/^country(code)?$/.test(n)) return () => (schema.maxLength === 2 ? 'BR' : schema.maxLength === 3 ? 'BRA' : 'BRA');
  if (/address|street|logradouro/.test(n)) return (state) => streetAddress(state.rng);

  // PIX keys of the type beside them (`proxy` is ISO 20022's name for the DICT key, as PIX payments write it).
  if ((n === 'key' && p === 'pix') || n === 'proxy' || /pixkey|dictkey/.test(n)) {
    return (state, siblings) => pixKey(state.rng, pixKeyTypeOf(siblingValue(siblings, 'key_type', 'keyType', 'type'), state.rng));
  }

  // Registries and contract codes.
  if (/susep|processnumber/.test(n))
    return (state) => susepProcessNumber(state.rng, new Date(state.env.now).getUTCFullYear() - state.rng.int(0, 6));
  if (n === 'ipoccode')
    return (state) =>
      `${generateCnpj(state.rng).slice(0, 8)}${state.rng.pick(['0401', '0499', '0903', '0990', '0203'])}${state.rng.digits(state.rng.int(12, 20))}`;
  if (/contractnumber|^number$/.test(n) && !/account/.test(p))
    return (state) => `${state.rng.int(1, 9)}${state.rng.digits(state.rng.int(9, 13))}`;

  // Money and rates.
  if (isRateName(n) && schema.type !== undefined) return rateProducer(schema, hint);
  if (isAmountName(hint.name, hint.parent)) return amountProducer(schema, hint);
  if (/^currency$|currencycode|^unitdescription$/.test(n) || (n === 'description' && p === 'unit')) return () => 'BRL';
  if (n === 'code' && p === 'unit') return () => 'R$';

  // Dates and times by name, where the field has no format of its own.
  if (/datetime$|timestamp$|_at$|at$/.test(hint.name) && /date|time|_at$|[a-z]At$/.test(hint.name) && !schema.format)
    return dateProducer(hint, false);
  if (/date$|day$/i.test(hint.name) && !/update/i.test(hint.name) && schema.format !== 'date-time') return dateProducer(hint, true);
  if (schema.format === 'date') return dateProducer(hint, true);
  if (schema.format === 'date-time') return dateProducer(hint, false);

  // Identifiers.
  if (n === 'brandid')
    return (state) =>
      state.rng
        .pick(retailBanks())
        .brand.normalize('NFD')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .toLowerCase();
  if (/correlationid|interactionid|externalid|^id$|[a-z]id$/.test(n) && !/paid|void|valid/.test(n)) return (state) => state.rng.uuid();
  if (/^(url|uri|href|link|self|first|prev|next|last|website|callback)/.test(n)) return () => 'https://api.banco.example/open-banking';

  // Free text.
  if (/info$|information|description|detail|message|title|reason|observation|comment|text$/.test(n)) {
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : 120;
    return (state) => {
      const remark = state.rng.pick(REMARKS);
      return remark.length <= max ? remark : sentence(state.rng, max);
    };
  }
  return undefined;
}

function amountProducer(schema: JsonSchemaObject, hint: FieldHint): Producer | undefined {
  const check = compileLeafCheck(schema);
  const decimals = decimalsFor(check);
  if (decimals === undefined) return undefined;
  const range = amountRange(hint.name, hint.parent);
  return (state) => amountNumber(state.rng, range).toFixed(decimals);
}

function rateProducer(schema: JsonSchemaObject, hint: FieldHint): Producer | undefined {
  const check = compileLeafCheck(schema);
  const decimals = decimalsFor(check, 0.123456);
  if (decimals === undefined) return undefined;
  return (state: GenState, siblings: Siblings) => {
    const [low, high] = rateRange(hint.name, hint.parent, siblings);
    return state.rng.float(low, high).toFixed(decimals);
  };
}

/** A fixed stream for plan-time probes (which textual form a field accepts). */
class RngProbe {
  readonly rng = new Rng(0xabcdef);
}
