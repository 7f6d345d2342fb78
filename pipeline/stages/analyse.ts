import { classify } from '../../classifiers/index.ts';
import { getDocument, saveClassification } from '../../store/index.ts';
import type { PipelineContext } from '../context.ts';
import { AnalysePayload } from '../payloads.ts';

/** Classifies a stored document and saves the labels; a province item goes on to the alert stage. */
export async function analyseStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  const { documentId } = AnalysePayload.parse(payload);
  const doc = await getDocument(ctx.store, documentId);
  if (!doc) return;
  const result = classify(ctx.model, {
    id: doc.url,
    title: doc.title,
    text: `${doc.lead}\n${doc.text}`,
    kind: doc.kind,
  });
  await saveClassification(ctx.store, documentId, ctx.model.version, {
    education: result.education,
    scope: result.scope,
    places: result.places,
    topics: result.topics,
    sentiment: result.sentiment,
    risks: result.risks,
    scores: result.scores,
    explanations: result.explain,
  });
  if (result.scope === 'province') await ctx.queues.add('alert', { documentId });
}
