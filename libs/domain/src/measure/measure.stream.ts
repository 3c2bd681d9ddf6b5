import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { MeasureEvent, MeasureEventType } from './measure.events';

/** `measure-<id>`: one stream per impact measure of a plan. */
export const measureStreams = streamNames('measure');
export const measureStream = measureStreams.stream;
export const isMeasureStream = measureStreams.owns;
export const measureIdOf = measureStreams.idOf;

const MEASURE_EVENT_TYPES: Record<MeasureEventType, true> = {
  MeasureDefined: true,
  MeasureChanged: true,
  ActualRecorded: true,
  ActualRestated: true,
};

/** A stored event of a measure's stream as a `MeasureEvent`. */
export const decodeMeasureEvent = eventDecoder<MeasureEvent>('measure', MEASURE_EVENT_TYPES);
