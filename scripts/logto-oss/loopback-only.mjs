// Preloaded into Logto core (`node --import`): its servers call `listen(port)`, which binds every
// interface, and Logto has no host setting. This makes a listen without a host bind 127.0.0.1.
// @see https://nodejs.org/api/net.html#serverlisten
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' && (args.length === 1 || typeof second === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && 'port' in first && !first.host) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
