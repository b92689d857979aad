import { COMMON, LAYOUTS, parseStartRecord, readFeedLines } from '@nemkonto/cpr-cvr-sync-feed-format';

// What a change stream needs to know about the register it changes: who exists, who is alive,
// protected, emigrated; which companies are active; where the sequence numbers and the number
// series stand. Read from the extract (and earlier change files) column by column, without
// validation: these are the generator's own files.
export class FeedBase {
  cprs: number[] = [];
  personStatus: string[] = [];
  personProtected: boolean[] = [];
  cvrs: number[] = [];
  companyStatus: string[] = [];
  lastSeq = new Map<string, number>();
  maxCvrBase = 1_000_000;
  maxP = 1_000_000_000;
  private readonly personIndex = new Map<number, number>();
  private readonly companyIndex = new Map<number, number>();

  static async read(paths: readonly string[]): Promise<FeedBase> {
    const base = new FeedBase();
    for (const path of paths) await base.readFile(path);
    return base;
  }

  get personCount(): number {
    return this.cprs.length;
  }

  cprAt(i: number): string {
    return String(this.cprs[i]).padStart(10, '0');
  }

  cvrAt(i: number): string {
    return String(this.cvrs[i]);
  }

  hasCpr(cpr: string): boolean {
    return this.personIndex.has(Number(cpr));
  }

  addPerson(cpr: string, status: string, prot: boolean): number {
    const i = this.cprs.push(Number(cpr)) - 1;
    this.personStatus.push(status);
    this.personProtected.push(prot);
    this.personIndex.set(Number(cpr), i);
    return i;
  }

  // The old number is gone; the person continues under the new one.
  renumber(oldCpr: string, newCpr: string): void {
    const i = this.personIndex.get(Number(oldCpr));
    if (i === undefined) return;
    this.personIndex.delete(Number(oldCpr));
    this.cprs[i] = Number(newCpr);
    this.personIndex.set(Number(newCpr), i);
  }

  personByCpr(cpr: string): number | undefined {
    return this.personIndex.get(Number(cpr));
  }

  addCompany(cvr: string, status: string): number {
    const i = this.cvrs.push(Number(cvr)) - 1;
    this.companyStatus.push(status);
    this.companyIndex.set(Number(cvr), i);
    const base = Math.floor(Number(cvr) / 10);
    if (base > this.maxCvrBase) this.maxCvrBase = base;
    return i;
  }

  private async readFile(path: string): Promise<void> {
    let source = '';
    for await (const batch of readFeedLines(path)) {
      for (const line of batch.lines) {
        const type = line.substring(0, 3);
        if (type === '000') {
          const h = parseStartRecord(line);
          if (!h.ok) throw new Error(`${path}: ${h.reason}`);
          source = h.value.source;
          continue;
        }
        if (type === '999' || type.length < 3) continue;
        const seq = Number(line.substring(COMMON.sequenceNo.at, COMMON.sequenceNo.at + 12));
        if (seq > (this.lastSeq.get(source) ?? 0)) this.lastSeq.set(source, seq);
        const id = line.substring(15, 25).trim();
        this.apply(type, id, line);
      }
    }
  }

  private apply(type: string, id: string, line: string): void {
    const col = (at: number): string => line.charAt(at);
    switch (type) {
      case '001':
        this.addPerson(id, col(LAYOUTS['001'].status.at), col(LAYOUTS['001'].protected.at) === '1');
        return;
      case '003': {
        const i = this.personByCpr(id);
        if (i !== undefined) this.personProtected[i] = col(LAYOUTS['003'].protected.at) === '1';
        return;
      }
      case '004': {
        const i = this.personByCpr(id);
        if (i !== undefined) this.personStatus[i] = col(LAYOUTS['004'].status.at);
        return;
      }
      case '005':
        this.renumber(line.substring(LAYOUTS['005'].previousCpr.at, LAYOUTS['005'].previousCpr.at + 10), id);
        return;
      case '101':
        this.addCompany(id, col(LAYOUTS['101'].status.at));
        return;
      case '102': {
        const se = Number(line.substring(LAYOUTS['102'].seNumber.at, LAYOUTS['102'].seNumber.at + 8));
        if (Math.floor(se / 10) > this.maxCvrBase) this.maxCvrBase = Math.floor(se / 10);
        return;
      }
      case '103': {
        const p = Number(line.substring(LAYOUTS['103'].pNumber.at, LAYOUTS['103'].pNumber.at + 10));
        if (p > this.maxP) this.maxP = p;
        return;
      }
      case '104': {
        const i = this.companyIndex.get(Number(id));
        if (i !== undefined) this.companyStatus[i] = col(LAYOUTS['104'].status.at);
        return;
      }
      default:
        return;
    }
  }
}
