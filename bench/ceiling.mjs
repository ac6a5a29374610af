// The ceiling of the pages bench: a bare node:http server, in its own process, that sends
// each measured page's exact bytes (and headers) from memory, so that the app's figures can
// be read as a share of what this machine can serve at all, measured in the same run.
// Plain JavaScript, no framework: nothing here may cost more than writing to the socket.
// Given over IPC: { pages: [{ path, headers, body (base64) }] }; answers { base }.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';

const pages = new Map();
const server = createServer((request, response) => {
  const page = pages.get(request.url);
  if (!page) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, page.headers);
  response.end(page.body);
});
process.on('message', (message) => {
  if (message.pages) {
    for (const page of message.pages) {
      const body = Buffer.from(page.body, 'base64');
      pages.set(page.path, { body, headers: { ...page.headers, 'content-length': body.length } });
    }
    process.send({ id: message.id, loaded: message.pages.length });
  } else if (message.stop) {
    server.close(() => process.exit(0));
  }
});
server.listen(0, '127.0.0.1', () => {
  process.send({ base: `http://127.0.0.1:${server.address().port}` });
});
