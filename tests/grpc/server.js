// server.js - a gRPC server for ftlc's import tests (tests/e2e/import-grpc.sh)
// and the gRPC realm example (examples/grpc): it serves the services of .proto
// files with @grpc/grpc-js and, unless told not to, gRPC server reflection with
// @grpc/reflection.
//
//   node server.js [options] FILE.proto...
//     --proto-path DIR        where the files and their imports are (repeatable)
//     --descriptor-set FILE   reflection serves these descriptors (protoc's
//                             FileDescriptorSet, e.g. with --include_source_info)
//                             instead of the ones protobufjs rebuilds
//     --no-reflection         serve the services only
//     --reflection-v1alpha    serve reflection as grpc.reflection.v1alpha only
//                             (servers older than grpc.reflection.v1)
//     --tls CERT KEY          TLS with this certificate and key (PEM)
//     --port N                listen on 127.0.0.1:N (default: a free port)
//     --silent                accept connections and never answer (for timeouts)
//     --require-header K:V    reflection answers only calls that send header K
//                             with value V (UNAUTHENTICATED otherwise)
//
// When ready it prints "listening on PORT" on standard output. Every unary
// method answers with an empty message of its response type; streaming methods
// end at once. It stops on SIGTERM or when standard input closes.
'use strict';

const fs = require('fs');
const net = require('net');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { ReflectionService } = require('@grpc/reflection');
const { FileDescriptorSet, FileDescriptorProto } = require('protobufjs/ext/descriptor');

function parseArgs(argv) {
  const o = { protoPath: [], files: [], reflection: true, port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--proto-path') o.protoPath.push(argv[++i]);
    else if (a === '--descriptor-set') o.descriptorSet = argv[++i];
    else if (a === '--no-reflection') o.reflection = false;
    else if (a === '--reflection-v1alpha') o.v1alphaOnly = true;
    else if (a === '--tls') o.tls = [argv[++i], argv[++i]];
    else if (a === '--port') o.port = Number(argv[++i]);
    else if (a === '--silent') o.silent = true;
    else if (a === '--require-header') o.requireHeader = argv[++i].split(/:\s*/, 2);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.files.push(a);
  }
  return o;
}

// The FileDescriptorProtos of a FileDescriptorSet, each encoded on its own, as
// @grpc/reflection takes them (protobufjs keeps every field of descriptor.proto,
// source info included).
function splitDescriptorSet(buf) {
  return FileDescriptorSet.decode(buf).file.map((f) => FileDescriptorProto.encode(f).finish());
}

// Every service of the package definition, with a handler per method.
function addServices(server, def) {
  for (const [name, svc] of Object.entries(def)) {
    if (svc.format || typeof svc !== 'object') continue; // a message or enum type
    const impl = {};
    for (const [method, m] of Object.entries(svc)) {
      if (!m || !m.path) continue;
      if (!m.requestStream && !m.responseStream) impl[method] = (call, done) => done(null, {});
      else if (m.requestStream && !m.responseStream)
        impl[method] = (call, done) => call.on('data', () => {}).on('end', () => done(null, {}));
      else impl[method] = (call) => call.end();
    }
    if (Object.keys(impl).length) server.addService(svc, impl);
    else console.error(`skipped ${name}`);
  }
}

// Wraps the handlers addService is given so that each call must carry a header.
function requireHeader(server, [key, value]) {
  const add = server.addService.bind(server);
  server.addService = (svc, impl) => {
    const guarded = {};
    for (const [name, fn] of Object.entries(impl)) {
      guarded[name] = (call, ...rest) => {
        if (call.metadata.get(key.toLowerCase()).includes(value)) return fn(call, ...rest);
        call.emit('error', { code: grpc.status.UNAUTHENTICATED, details: `header ${key} required` });
      };
    }
    add(svc, guarded);
  };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop).resume();
  if (o.silent) {
    const s = net.createServer(() => {}).listen(o.port, '127.0.0.1', () => {
      console.log(`listening on ${s.address().port}`);
    });
    return;
  }
  const def = protoLoader.loadSync(o.files, { includeDirs: o.protoPath });
  const server = new grpc.Server();
  addServices(server, def);
  if (o.requireHeader) requireHeader(server, o.requireHeader);
  if (o.reflection) {
    const served = o.descriptorSet
      ? { protoc: { fileDescriptorProtos: splitDescriptorSet(fs.readFileSync(o.descriptorSet)) } }
      : def;
    const reflection = new ReflectionService(served);
    if (o.v1alphaOnly) reflection.v1Alpha.addToServer(server);
    else reflection.addToServer(server);
  }
  const creds = o.tls
    ? grpc.ServerCredentials.createSsl(null, [
        { cert_chain: fs.readFileSync(o.tls[0]), private_key: fs.readFileSync(o.tls[1]) },
      ])
    : grpc.ServerCredentials.createInsecure();
  server.bindAsync(`127.0.0.1:${o.port}`, creds, (err, port) => {
    if (err) {
      console.error(err.message);
      process.exit(1);
    }
    console.log(`listening on ${port}`);
  });
}

main();
