import type { NextApiRequest, NextApiResponse } from 'next';
import { rejectOtherMethods } from '@/lib/auth/core/methods';

/** Liveness for load balancers and `wait-on`: no session, no Logto call. */
export default function health(req: NextApiRequest, res: NextApiResponse) {
  if (!rejectOtherMethods(req, res, ['GET', 'HEAD'])) return;
  res.status(200).json({ ok: true });
}
