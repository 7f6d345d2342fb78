import { z } from 'zod';

/** Selectors for reading one social platform's public pages; kept in data because platforms change markup. */
export const SocialProfileSchema = z.object({
  description: z.string().default(''),
  post: z.string(),
  author: z.string(),
  text: z.string(),
  time: z.string(),
  permalink: z.string(),
  engagement: z.string(),
  reactions: z.string(),
  more: z.string(),
  overlayClose: z.string(),
  maxLoads: z.number().int().min(0).max(50).default(5),
});

export const ProfilesFile = z.object({ profiles: z.record(z.string(), SocialProfileSchema) });

export type SocialProfile = z.infer<typeof SocialProfileSchema>;
