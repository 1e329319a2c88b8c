import { z } from 'zod';

/** `GET /api/embed/policy`: the sites allowed to frame the embed view (CSP frame-ancestors). */
export const EmbedPolicySchema = z.object({
  /** As GATHERSCOPE_FRAME_ANCESTORS set them: 'self', 'none', or origins (https://*.example.com). */
  frameAncestors: z.array(z.string()),
});
export type EmbedPolicy = z.infer<typeof EmbedPolicySchema>;
