import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';

export const cookies: RequestHandler = (req, _res, next) => {
  const header = req.get('cookie');
  req.cookies = header ? (parseCookies(header) as Record<string, string>) : {};
  next();
};
