import { CommandResponse } from '../http/command.response.dto';
export class RegisterEntryResponse {
  /** The record it was recorded on: a merged record's lines keep their own. */
  recordId!: string;
  type!: string;
  what!: string;
  why!: string | null;
  happenedAt!: string;
  recordedAt!: string;
  who!: string;
}

export class OrganisationNameResponse {
  name!: string;
  /** The day it took effect. */
  from!: string;
}

export class OrganisationContactResponse {
  email!: string | null;
  personId!: string | null;
}

export class OrganisationResponse {
  organisationId!: string;
  name!: string;
  /** Every name it has had, oldest first. */
  names!: OrganisationNameResponse[];
  /** Where its reminders go (nulls: it has no contact, and its reminders go to the plan's managers, saying why). */
  contact!: OrganisationContactResponse;
  history!: RegisterEntryResponse[];
}

export class PersonResponse {
  personId!: string;
  name!: string;
  email!: string | null;
  jobTitle!: string | null;
  organisationId!: string | null;
  left!: boolean;
  mergedInto!: string | null;
  /** The records merged into this one: their histories are in this one's. */
  mergedFrom!: string[];
  history!: RegisterEntryResponse[];
}

export class ActionNotMovedResponse {
  actionId!: string;
  code!: string;
  message!: string;
}

/**
 * A leaver recorded: the command's outcome on their record (no events when a retry), the actions
 * moved now, those moved by an earlier attempt, and any an action's own rules refused (retry to move them once fixed).
 */
export class LeaverResponse extends CommandResponse {
  moved!: string[];
  alreadyMoved!: string[];
  refused!: ActionNotMovedResponse[];
}
