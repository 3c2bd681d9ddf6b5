import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { PackEvent, PackEventType } from './pack.events';

/** `packs-<planId>`: the committee packs issued of one plan, in the order they were issued (ADR 34). */
export const packStreams = streamNames('packs');
export const packStream = packStreams.stream;
export const isPackStream = packStreams.owns;
export const packPlanIdOf = packStreams.idOf;

const PACK_EVENT_TYPES: Record<PackEventType, true> = { PackIssued: true, ScheduledPackSent: true };

/** A stored event of a plan's pack register as a `PackEvent`. */
export const decodePackEvent = eventDecoder<PackEvent>('packs', PACK_EVENT_TYPES);
