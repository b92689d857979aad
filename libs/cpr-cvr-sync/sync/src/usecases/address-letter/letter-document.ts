import { AccountDto, RegistryLetterRequestedV1 } from '@nemkonto/contracts';
import { FeedAddress } from '@nemkonto/cpr-cvr-sync-feed-format';

// The document the print service receives (one per letter, JSON): who, where, and the text.
export interface LetterDocument {
  readonly letterId: string;
  readonly template: RegistryLetterRequestedV1['template'];
  readonly language: 'da';
  readonly sender: string;
  readonly recipient: {
    readonly name: string;
    readonly addressLines: readonly string[];
    readonly country: 'DK';
  };
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly activationCode: string | null;
  readonly validUntil: string | null;
}

// "Østergade 12B, 2. tv", "8000 Aarhus C": the Danish way of writing an address on an envelope.
export function addressLines(a: FeedAddress): string[] {
  // Floors are written "st.", "1.", "kl.".
  const floor = a.floor === null ? '' : `${a.floor}.`;
  const unit = [floor, a.door ?? ''].filter((p) => p !== '').join(' ');
  const street = [a.street, a.houseNo ?? ''].filter((p) => p !== '').join(' ');
  return [unit === '' ? street : `${street}, ${unit}`, `${a.postcode} ${a.city}`];
}

const last4 = (s: string): string => s.slice(-4).padStart(4, '*');

// The account as the letter names it: enough for the holder to recognise it, never in full.
export function accountText(a: AccountDto): string {
  switch (a.kind) {
    case 'DK':
      return `reg.nr. ${a.regNo} konto ****${last4(a.accountNo)}`;
    case 'FOREIGN':
      return a.iban !== null
        ? `IBAN ${a.iban.slice(0, 2)}**…${last4(a.iban)}`
        : `udenlandsk konto ****${last4(a.accountNo ?? '')}`;
    default: {
      const unknown: never = a;
      throw new Error(`unknown account ${JSON.stringify(unknown)}`);
    }
  }
}

// 2026-03-01 → 1. marts 2026
const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
export function danishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d}. ${MONTHS[m - 1] ?? ''} ${y}`;
}

export function letterDocument(
  req: RegistryLetterRequestedV1,
  name: string,
  address: FeedAddress,
): LetterDocument {
  const account = accountText(req.account);
  const benefit = req.benefit
    ? ` til udbetalinger af ${req.benefit.benefitType} fra ${req.benefit.authorityId}`
    : '';
  const common = {
    letterId: req.letterId,
    template: req.template,
    language: 'da' as const,
    sender: 'Digitaliseringsstyrelsen, NemKonto',
    recipient: { name, addressLines: addressLines(address), country: 'DK' as const },
  };
  switch (req.template) {
    case 'ACTIVATION':
      return {
        ...common,
        subject: 'Aktivering af din NemKonto',
        paragraphs: [
          `Der er anmodet om at registrere ${account} som din NemKonto${benefit}.`,
          `Kontoen bliver først aktiv, når du har indtastet aktiveringskoden ${req.activationCode ?? ''} på nemkonto.dk` +
            (req.validUntil ? ` senest den ${danishDate(req.validUntil)}.` : '.'),
          'Har du ikke selv bedt om ændringen, så kontakt NemKonto-supporten hurtigst muligt. Indtast ikke koden.',
        ],
        activationCode: req.activationCode,
        validUntil: req.validUntil,
      };
    case 'ACCOUNT_FLAGGED':
      return {
        ...common,
        subject: 'Din NemKonto kan ikke modtage udbetalinger',
        paragraphs: [
          `Din bank har meddelt, at ${account}, som er registreret som din NemKonto${benefit}, er lukket eller ukendt.`,
          'Offentlige udbetalinger kan derfor ikke komme frem til dig.',
          'Registrér en ny NemKonto i din bank eller på nemkonto.dk.',
        ],
        activationCode: null,
        validUntil: null,
      };
    default: {
      const unknown: never = req.template;
      throw new Error(`unknown letter template ${String(unknown)}`);
    }
  }
}
