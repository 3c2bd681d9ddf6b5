import { created, type Client } from '@actionplans/testing';

/**
 * What an auditor's bundle of a plan must carry besides its actions and meetings: an impact
 * measure with a provisional figure restated later, and a committee pack issued to the board
 * today. Returns the measure's id.
 */
export async function addRestatedMeasureAndIssuedPack(
  world: { manager: Client; owner: Client },
  planId: string,
  today: string,
): Promise<string> {
  const { manager, owner } = world;
  const measureId = (
    await created(
      manager.post(`/plans/${planId}/measures`, {
        name: 'Looked after children with a health assessment on time',
        unit: '%',
        direction: 'higher',
        baseline: { value: 52.5, date: '2020-12-17' },
        targets: [{ value: 75, by: '2099-06-30' }],
        tolerance: { amberWithin: 5 },
        frequency: 'quarterly',
        owner: { kind: 'person', name: 'CYPS Training lead', userId: owner.userId },
      }),
    )
  ).body.id as string;
  await created(owner.post(`/measures/${measureId}/actuals`, { period: 'Q1', periodEnd: '2021-03-31', value: 61.2, provisional: true }));
  await created(manager.post(`/measures/${measureId}/restatements`, { period: 'Q1', value: 58, reason: 're-run retrospectively' }));
  await created(
    manager.post(`/plans/${planId}/packs`, {
      asAt: today,
      basis: 'computed',
      cover: { title: 'HMIP action plan: progress', purpose: 'To update the board', recommendations: ['That the board note the progress'] },
      meeting: { board: 'YOT Management Board', date: today },
    }),
  );
  return measureId;
}
