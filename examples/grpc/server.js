// server.js - the shipping realm's gRPC service (examples/README.md, section 4):
// acme.shipping.v1.Shipping with server reflection, so that `ftlc import grpc`
// can read its API from the running service.
//
//   npm install                        # @grpc/grpc-js, proto-loader, reflection
//   node server.js [--port N] [--descriptor-set FILE]
//
// --descriptor-set FILE makes reflection serve protoc's own descriptors (write
// them with protoc --include_imports --include_source_info -o FILE ...), comments
// included; without it reflection serves what protobufjs rebuilds from the
// .proto file, which has no comments. It prints "listening on PORT" when ready
// (port 50051 unless --port says otherwise; 0 takes a free one) and stops on
// SIGTERM or when its standard input closes.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { ReflectionService } = require('@grpc/reflection');
const { FileDescriptorSet, FileDescriptorProto } = require('protobufjs/ext/descriptor');

const PROTO = 'acme/shipping/v1/shipping.proto';

// Quotes and shipments live in memory: this is an example.
const quotes = new Map();
const shipments = new Map();
let serial = 0;

const timestamp = (ms) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

function quoteShipment(call, done) {
  const r = call.request;
  if (!r.parcels.length) {
    done({ code: grpc.status.INVALID_ARGUMENT, details: 'a quote needs at least one parcel' });
    return;
  }
  const grams = r.parcels.reduce((sum, p) => sum + p.weightGrams, 0);
  const express = r.speed === 'SPEED_EXPRESS';
  const days = express ? 1 : 3;
  const quote = {
    quoteId: `q-${++serial}`,
    priceCents: (499 + Math.ceil(grams / 100) * 10) * (express ? 2 : 1),
    currency: 'EUR',
    estimatedDelivery: timestamp(Date.now() + days * 86400e3),
    expiresAt: timestamp(Date.now() + 3600e3),
  };
  quotes.set(quote.quoteId, quote);
  done(null, quote);
}

function createShipment(call, done) {
  const quote = quotes.get(call.request.quoteId);
  if (!quote || quote.expiresAt.seconds * 1000 < Date.now()) {
    done({ code: grpc.status.FAILED_PRECONDITION, details: 'no such quote, or it has expired' });
    return;
  }
  const id = `s-${++serial}`;
  const shipment = {
    id,
    quoteId: quote.quoteId,
    status: 'STATUS_BOOKED',
    trackingUrl: `https://track.example.com/${id}`,
    createdAt: timestamp(Date.now()),
  };
  shipments.set(id, shipment);
  done(null, shipment);
}

function getShipment(call, done) {
  const shipment = shipments.get(call.request.id);
  if (shipment) done(null, shipment);
  else done({ code: grpc.status.NOT_FOUND, details: `no shipment ${call.request.id}` });
}

function trackShipment(call) {
  const shipment = shipments.get(call.request.id);
  if (shipment) call.write({ status: shipment.status, location: 'depot', at: timestamp(Date.now()) });
  call.end();
}

// The FileDescriptorProtos of a FileDescriptorSet, each encoded on its own, as
// @grpc/reflection takes them (protobufjs keeps every field of descriptor.proto,
// source info included).
function descriptorFiles(buf) {
  return FileDescriptorSet.decode(buf).file.map((f) => FileDescriptorProto.encode(f).finish());
}

function main() {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const port = option('--port') ?? '50051';
  const set = option('--descriptor-set');
  const def = protoLoader.loadSync(PROTO, {
    includeDirs: [path.join(__dirname, 'proto')],
    enums: String,
  });
  const server = new grpc.Server();
  server.addService(def['acme.shipping.v1.Shipping'], {
    quoteShipment,
    createShipment,
    getShipment,
    trackShipment,
  });
  const served = set ? { set: { fileDescriptorProtos: descriptorFiles(fs.readFileSync(set)) } } : def;
  new ReflectionService(served).addToServer(server);
  server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) => {
    if (err) {
      console.error(err.message);
      process.exit(1);
    }
    console.log(`listening on ${p}`);
  });
  process.on('SIGTERM', () => process.exit(0));
  process.stdin.on('end', () => process.exit(0)).resume();
}

main();
