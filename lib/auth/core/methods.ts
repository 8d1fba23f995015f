import type { NextApiRequest, NextApiResponse } from 'next';

/**
 * Answers 405 with an `Allow` header for a method the route does not serve, and returns
 * whether the handler should go on. Kept apart from the session helpers so routes that need
 * no session (like /api/health) do not load the auth configuration.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-405-method-not-allowed
 */
export function rejectOtherMethods(
  req: NextApiRequest,
  res: NextApiResponse,
  methods: string[],
): boolean {
  // Node's HTTP server sets the method of every request it parses; only its type allows undefined.
  const method = req.method!;
  if (methods.includes(method)) return true;
  res.setHeader('Allow', methods.join(', '));
  res.status(405).json({
    error: 'method_not_allowed',
    message: `${method} is not allowed here; use ${methods.join(' or ')}.`,
  });
  return false;
}
