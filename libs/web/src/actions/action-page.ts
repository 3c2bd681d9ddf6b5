import { Injectable, NotFoundException } from '@nestjs/common';
import { READ_ONLY_ROLES, UserDirectory, type User } from '@actionplans/auth';
import { managesPlans, ownerUserIds, ratingCategoryFor, ratingSchemeOf, type PlanState, type RatingScheme } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { RestrictedEvidence, StreamReader, type ActionView, type ShownEvidence, type TimelineEntry } from '@actionplans/read-models';
import { groupingName } from '../page/grouping-name';
import { systemName } from '../page/system-names';
import { ratingTag, statusTag, type Tag } from '../page/tags';

/** An action as its page shows it to one reader, with what they may do to it. */
export interface ActionPage {
  action: Omit<ActionView, 'evidence'> & { evidence: ShownEvidence[] };
  /** "1.4", or the action's id when it has no reference. */
  reference: string;
  plan: { planId: string; title: string };
  /** `name`: its references and title as a heading says them, each once ("1", not "1 1"). */
  grouping: { references: string[]; title: string; name: string } | null;
  scheme: RatingScheme;
  status: Tag;
  rating: (Tag & { authority: string | null; at: string }) | null;
  /**
   * Unrated but signed off: the category it counts in and on whose word, so a complete action never
   * reads "Not rated yet" beside its sign-off (an import leaves a paper's "complete" rating to the sign-off).
   */
  countsAs: (Tag & { because: string }) | null;
  /** The action it duplicates, by reference and description: a duplicate is not counted, and is signed off as that one. */
  duplicate: { actionId: string; text: string } | null;
  /**
   * Newest first, as the MoJ timeline reads. `source` names the paper an update was taken from (an
   * import's), so the byline credits the paper and says who typed it in.
   */
  progress: Array<
    ActionView['progress'][number] & { byName: string; rating: string | undefined; ratingTag: Tag | null; source: string | null }
  >;
  /** Links to other actions, each named by its reference and description. */
  links: Array<{ kind: string; actionId: string; text: string; note: string | null }>;
  /** Live (not withdrawn) evidence a submission may rely on. */
  liveEvidence: ShownEvidence[];
  may: Permissions;
  /** A change of its owners waits for a second plan manager, and the reader is one. */
  ownerChangeWaiting: boolean;
  /** The plan's two-step completion (ADR 31): the body approving closure after the sign-off, and bodies that may take the sign-off. */
  twoStep: { approvalToClose: string | null; delegatedBodies: string[] };
  /** Its sign-off and approval to close in words, where the plan has two-step completion or a body took the sign-off; else null. */
  closure: Closure | null;
}

/** Who signed the action off and when, whether approval to close is awaited, and the approval once given. */
export interface Closure {
  /** `by` in words: "by the panel", "by Youth Justice Management Board", "as recorded in <paper>". */
  signedOff: { by: string; on: string } | null;
  awaiting: string | null;
  approved: { body: string; on: string; recordedBy: string; authority: string; source: string | null } | null;
}

/** Everything that has happened to the action, oldest first, as the reader may see it, with who did it by name. */
export type ActionHistory = Array<TimelineEntry & { byName: string }>;

/** Which forms the reader is offered: the rules the commands apply, so nobody is offered what would be refused for who they are. */
export interface Permissions {
  updateProgress: boolean;
  attachEvidence: boolean;
  requestRevision: boolean;
  submit: boolean;
  /** Record the named body's approval to close: plan managers, on an action signed off and awaiting it. */
  approveClosure: boolean;
  /** Record a delegated body's sign-off: plan managers, on a submitted action of a plan naming such bodies. */
  delegatedSignOff: boolean;
}

/**
 * Gathers an action's page from its stream and its plan's (read once each, as the API's GET does),
 * with restricted evidence redacted for the reader exactly as the API redacts it.
 */
@Injectable()
export class ActionPages {
  constructor(
    private readonly reader: StreamReader,
    private readonly restricted: RestrictedEvidence,
    private readonly users: UserDirectory,
  ) {}

  async of(actionId: string, user: User): Promise<ActionPage> {
    return (await this.read(actionId, user)).page;
  }

  /** The page with the action's history, which only the history page and a lost race show: the rest would work it out for nothing. */
  async withHistory(actionId: string, user: User): Promise<ActionPage & { history: ActionHistory }> {
    const { page, events } = await this.read(actionId, user);
    const history = this.restricted.history(actionId, events, user).map((entry) => ({ ...entry, byName: this.nameOf(entry.who.id) }));
    return { ...page, history };
  }

  private async read(actionId: string, user: User): Promise<{ page: ActionPage; events: RecordedEvent[] }> {
    const found = await this.reader.actionWithPlan(actionId);
    if (!found) throw new NotFoundException('there is no such action');
    const { view, plan, events } = found;
    return { page: await this.page(view, plan, user), events };
  }

  private async page(view: ActionView, plan: PlanState, user: User): Promise<ActionPage> {
    const action = this.restricted.action(view, user);
    const scheme = ratingSchemeOf(plan);
    const grouping = plan.groupings.get(view.groupingId);
    const links = await this.links(view);
    const duplicate = links.find((link) => link.kind === 'duplicate of') ?? null;
    return {
      action,
      reference: view.references.join(', ') || view.actionId,
      plan: { planId: view.planId, title: plan.title },
      grouping: grouping
        ? { references: grouping.references, title: grouping.title, name: groupingName(grouping.references, grouping.title) }
        : null,
      scheme,
      status: statusTag(view.status),
      rating: this.rating(view, scheme),
      countsAs: view.rating ? null : countsAs(view, scheme),
      duplicate: duplicate && { actionId: duplicate.actionId, text: duplicate.text },
      progress: [...view.progress].reverse().map((update) => ({
        ...update,
        byName: this.nameOf(update.by.id),
        rating: update.rating,
        ratingTag: this.ratingTagOf(update.rating, scheme),
        source: paperOf(update.backdatingReason),
      })),
      links,
      liveEvidence: action.evidence.filter((item) => !item.withdrawn),
      may: permissions(view, user, plan),
      // Plan managers decide it on the plan's page of changes of owners waiting.
      ownerChangeWaiting: managesPlans(user) && view.ownerChanges.some((change) => change.state === 'pending'),
      twoStep: { approvalToClose: plan.approvalToClose, delegatedBodies: plan.delegatedSignOff },
      closure: plan.approvalToClose || view.delegatedSignOff ? this.closure(view) : null,
    };
  }

  /** A person's name as the directory has it; a process by its name, and anyone unknown by their id. */
  nameOf(userId: string): string {
    return this.users.get(userId)?.name ?? systemName(userId) ?? userId;
  }

  private closure(view: ActionView): Closure {
    const panel = view.panelOutcomes.findLast((outcome) => outcome.outcome === 'signed off');
    const signedOff =
      view.stage !== 'complete'
        ? null
        : view.delegatedSignOff
          ? { by: `by ${view.delegatedSignOff.body}`, on: view.delegatedSignOff.meetingDate }
          : view.signedOffFromPaper
            ? { by: `as recorded in ${view.signedOffFromPaper.source}`, on: view.signedOffFromPaper.at }
            : { by: 'by the panel', on: panel?.at ?? '' };
    const approval = view.approvalToClose;
    return {
      signedOff,
      awaiting: view.status.awaitingApprovalToClose?.body ?? null,
      approved: approval && {
        body: approval.body,
        on: approval.at,
        recordedBy: this.nameOf(approval.by.id),
        authority: approval.authority,
        source: approval.source,
      },
    };
  }

  /** Most actions link to none; the few links there are are read from their streams. */
  private links(view: ActionView): Promise<ActionPage['links']> {
    return Promise.all(
      view.links.map(async (link) => {
        const target = await this.reader.action(link.targetActionId);
        const text = target ? `${target.references.join(', ') || target.actionId}: ${target.description}` : link.targetActionId;
        return { kind: link.kind, actionId: link.targetActionId, text, note: link.note };
      }),
    );
  }

  private rating(view: ActionView, scheme: RatingScheme): ActionPage['rating'] {
    const tag = view.rating && this.ratingTagOf(view.rating.category, scheme);
    return tag ? { ...tag, authority: view.rating!.authority, at: view.rating!.at } : null;
  }

  private ratingTagOf(key: string | undefined, scheme: RatingScheme): Tag | null {
    const category = key ? ratingCategoryFor(scheme, key) : null;
    return category ? ratingTag(category) : key ? { text: key, classes: 'govuk-tag--grey' } : null;
  }
}

/** The paper an import took an update from: its reason reads "imported (import …) from <paper>". */
export function paperOf(reason: string | null): string | null {
  return /^imported \(import [^)]*\) from (.+)$/.exec(reason ?? '')?.[1] ?? null;
}

/** An unrated action signed off counts in the scheme's category for complete: which, and on whose word. */
function countsAs(view: ActionView, scheme: RatingScheme): ActionPage['countsAs'] {
  if (view.stage !== 'complete') return null;
  const category = scheme.categories.find((candidate) => candidate.counts.includes('complete'));
  if (!category) return null;
  const because = view.delegatedSignOff
    ? `signed off by ${view.delegatedSignOff.body}`
    : view.signedOffFromPaper
      ? `signed off as recorded in ${view.signedOffFromPaper.source}`
      : 'signed off by the evidence challenge panel';
  return { ...ratingTag(category), because };
}

/** Owners and plan managers work on an action while the rules let anyone: open, not with the panel, no revision waiting. */
export function permissions(view: ActionView, user: User, plan?: Pick<PlanState, 'delegatedSignOff'>): Permissions {
  // Read-only roles send no forms at all (the page guard), whatever the action says of them.
  const manages = !READ_ONLY_ROLES.includes(user.role) && managesPlans(user);
  const works = manages || (!READ_ONLY_ROLES.includes(user.role) && ownerUserIds(view).includes(user.userId));
  const open = view.stage === 'open' || view.stage === 'submitted';
  const pending = view.revisions.some((revision) => revision.state === 'pending');
  // A duplicate is never counted nor chased: it is signed off as the action it duplicates, and has no date of its own to move.
  const duplicate = view.links.some((link) => link.kind === 'duplicate of');
  return {
    updateProgress: works && open,
    attachEvidence: works && view.stage !== 'withdrawn',
    requestRevision: works && open && !pending && !duplicate,
    submit: works && view.stage === 'open' && !duplicate,
    // Conflicted plan managers (owners, the submitter) are offered them too: the rule refuses them, and the form says why.
    approveClosure: manages && view.status.awaitingApprovalToClose !== undefined,
    delegatedSignOff: manages && view.stage === 'submitted' && !view.proposedSignOff && (plan?.delegatedSignOff.length ?? 0) > 0,
  };
}
