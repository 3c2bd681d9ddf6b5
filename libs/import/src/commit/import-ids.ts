import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { ImportModel } from '../import.model';

/** Every id an import gives is a UUID v5 in this namespace, so the same sheet always names the same things. */
const IMPORT_NAMESPACE = '6c1f7d8e-2f4b-5a0e-9c3d-1b2a3c4d5e6f';

/** The ids of one plan's import: the plan from its import key, everything else from the plan and a reference. */
export class ImportIds {
  readonly planId: string;

  constructor(importKey: string) {
    this.planId = uuidv5(`plan\n${importKey}`, IMPORT_NAMESPACE);
  }

  grouping(key: string): string {
    return uuidv5(`${this.planId}\ngrouping\n${key}`, IMPORT_NAMESPACE);
  }

  action(key: string): string {
    return uuidv5(`${this.planId}\naction\n${key}`, IMPORT_NAMESPACE);
  }

  /** A revision to this date: importing the same revised date again asks for nothing new. */
  revision(actionKey: string, raw: string): string {
    return uuidv5(`${this.planId}\nrevision\n${actionKey}\n${raw}`, IMPORT_NAMESPACE);
  }

  /** One import of one version of the sheet: the same content imported again has the same id. */
  importOf(model: ImportModel): string {
    const digest = createHash('sha256').update(JSON.stringify(model)).digest('hex');
    return uuidv5(`${this.planId}\nimport\n${digest}`, IMPORT_NAMESPACE);
  }
}
