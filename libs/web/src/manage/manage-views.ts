import type { User } from '@actionplans/auth';
import { RATING_SCHEMES, type Owner, type TargetDate } from '@actionplans/domain';
import type { FormReader } from './form-reader';
import { ratingColourClass } from '../page/tags';
import { dayInWords } from '../page/dates';

/** A target date as the plan wrote it, with the day it falls due when that differs. */
export function targetDateText(date: TargetDate | null): string {
  if (!date) return 'None set';
  const due = date.due ? dayInWords(date.due) : null;
  return due && due !== date.raw ? `${date.raw} (due ${due})` : date.raw;
}

/** The ready-made schemes by the names people know them by; a scheme is stored by its key ("hmip-four-bucket"). */
const SCHEME_TITLES: Record<string, string> = {
  'hmip-four-bucket': 'HMIP inspection action plan: four categories',
  'send-wsoa-brag': 'SEND written statement of action: BRAG',
  'cyp-rag': 'Children and young people’s plan: RAG',
  'status labels': 'The engine’s own statuses',
};

/** A rating scheme's name in words; a plan's own scheme by its key, since nobody named it. */
export const schemeTitle = (name: string): string => SCHEME_TITLES[name] ?? name;

/** The ready-made rating schemes, each category with its tag's class, as the create and import forms offer them. */
export const schemeChoices = () =>
  Object.values(RATING_SCHEMES).map((scheme) => ({
    name: scheme.name,
    title: schemeTitle(scheme.name),
    categories: scheme.categories.map((category) => ({ ...category, tagClass: ratingColourClass(category.colour) })),
  }));

export const PLAN_KINDS = ['inspection', 'written statement of action', 'improvement plan', 'partnership plan'];

const NAMED_KINDS: Record<string, Owner['kind']> = { organisation: 'organisation', team: 'team', role: 'role', person: 'person' };

/**
 * Lead or supporting owners from a form: the known users ticked in `<prefix>Users`, then the
 * named owners in `<prefix>Named`, one a line, "Organisation: South Yorkshire Police" for one
 * that is not a person.
 */
export function readOwners(reader: FormReader, prefix: 'lead' | 'supporting', users: User[]): Owner[] {
  const picked = reader.all(`${prefix}Users`).map((userId) => {
    const user = users.find((known) => known.userId === userId);
    return { kind: 'person' as const, name: user?.name ?? userId, userId };
  });
  const named = reader
    .raw(`${prefix}Named`)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): Owner => {
      const match = /^(organisation|team|role|person)\s*:\s*(.+)$/i.exec(line);
      return match ? { kind: NAMED_KINDS[match[1].toLowerCase()], name: match[2].trim() } : { kind: 'person', name: line };
    });
  const owners = [...picked, ...named];
  const field = `${prefix}Named`;
  if (owners.some((owner) => owner.name.length > 200)) reader.fail(field, 'Each owner’s name must be 200 characters or fewer');
  if (owners.length > (prefix === 'lead' ? 20 : 50)) reader.fail(field, `Name ${prefix === 'lead' ? 20 : 50} owners or fewer`);
  return owners;
}

/** Owners back into the form's fields: known users ticked, the others one a line. */
export function ownerFields(owners: Owner[], prefix: 'lead' | 'supporting'): Record<string, string | string[]> {
  const named = owners.filter((owner) => !owner.userId);
  return {
    [`${prefix}Users`]: owners.filter((owner) => owner.userId).map((owner) => owner.userId!),
    [`${prefix}Named`]: named.map((owner) => (owner.kind === 'person' ? owner.name : `${cap(owner.kind)}: ${owner.name}`)).join('\n'),
  };
}

const cap = (text: string) => text[0].toUpperCase() + text.slice(1);

/** References as typed ("2.4, PR-11") as a list. */
export const readReferences = (text: string): string[] =>
  text
    .split(',')
    .map((reference) => reference.trim())
    .filter(Boolean);

/** A grouping's or action's references field, within the API's limits. */
export function referencesOf(read: FormReader): string[] {
  const references = readReferences(read.raw('references'));
  if (references.length > 10) read.fail('references', 'Give 10 references or fewer');
  if (references.some((reference) => reference.length > 50)) read.fail('references', 'Each reference must be 50 characters or fewer');
  return references;
}

/** The plan's groupings as select options, in the plan's order, each with its references and title. */
export function groupingItems(groupings: Map<string, { references: string[]; title: string }>, chosen: unknown) {
  return [...groupings.entries()].map(([groupingId, grouping]) => ({
    value: groupingId,
    text: `${grouping.references.length ? `${grouping.references.join(', ')} ` : ''}${grouping.title}`.slice(0, 120),
    selected: chosen === groupingId,
  }));
}

/** The owner checkboxes' items: every possible owner, ticked when chosen. */
export const ownerItems = (users: User[], chosen: string[] | string | undefined) =>
  users.map((user) => ({
    value: user.userId,
    text: user.name,
    hint: { text: user.role },
    checked: (Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).includes(user.userId),
  }));
