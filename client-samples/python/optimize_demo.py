#!/usr/bin/env python3
"""CompileSpec -> Optimize on the demo slate from Python, with no generated code.

The message types come from the descriptor set that the proto module's build writes (imports included), so the
only packages needed are grpcio and protobuf (Debian: python3-grpcio, python3-protobuf). Requests are written as
the same JSON the grpcurl scripts send. Prints the progress, the lineups as a table and the out-of-sample check;
exits 0 on success, 1 on a failed call.

    ./slipstream build && ./slipstream serve &
    python3 client-samples/python/optimize_demo.py --target 127.0.0.1:50051 --lineups 5
"""
import argparse
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DESCRIPTORS = os.path.join(ROOT, "proto", "target", "generated-resources", "protobuf", "descriptor-sets",
                                   "slipstream-v1.protobin")


class Contracts:
    """The slipstream.v1 message classes, built from a FileDescriptorSet."""

    def __init__(self, path):
        with open(path, "rb") as f:
            files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
        self.pool = descriptor_pool.DescriptorPool()
        for file in files.file:
            self.pool.Add(file)

    def message(self, name):
        descriptor = self.pool.FindMessageTypeByName("slipstream.v1." + name)
        if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(self.pool).GetPrototype(descriptor)


def serializer(message):
    return message.SerializeToString()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:50051", help="server host:port (plaintext)")
    parser.add_argument("--descriptors", default=DEFAULT_DESCRIPTORS, help="slipstream-v1.protobin from the build")
    parser.add_argument("--lineups", type=int, default=5)
    parser.add_argument("--objective", default="OBJECTIVE_TAIL_UPSIDE")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.descriptors):
        print(f"no descriptor set at {args.descriptors}: run ./slipstream build first, or pass --descriptors",
              file=sys.stderr)
        return 1
    contracts = Contracts(args.descriptors)
    compile_request = contracts.message("CompileSpecRequest")
    compile_response = contracts.message("CompileSpecResponse")
    optimize_request = contracts.message("OptimizeRequest")
    optimize_response = contracts.message("OptimizeResponse")

    with grpc.insecure_channel(args.target) as channel:
        compile_spec = channel.unary_unary("/slipstream.v1.SpecService/CompileSpec", request_serializer=serializer,
                                           response_deserializer=compile_response.FromString)
        optimize = channel.unary_stream("/slipstream.v1.OptimizerService/Optimize", request_serializer=serializer,
                                        response_deserializer=optimize_response.FromString)
        try:
            spec = compile_spec(json_format.ParseDict({"slateId": "demo"}, compile_request()), timeout=60).spec
            print(f"spec {spec.spec_id}: {spec.slate_name}, {len(spec.entries)} entries, cap {spec.salary_cap}")
            request = json_format.ParseDict({
                "specId": spec.spec_id, "seed": 42, "scenarioCount": 10000, "portfolioSize": args.lineups,
                "objective": args.objective, "maxExposure": 0.6, "validationScenarioCount": 10000,
            }, optimize_request())
            result = None
            for message in optimize(request, timeout=300):
                if message.HasField("progress"):
                    phase = message.progress.DESCRIPTOR.fields_by_name["phase"].enum_type.values_by_number[
                        message.progress.phase].name
                    print(f"  {phase:<24} {100 * message.progress.fraction_done:5.1f}%")
                else:
                    result = message.result
        except grpc.RpcError as error:
            print(f"call failed: {error.code().name}: {error.details()}", file=sys.stderr)
            return 1
    if result is None:
        print("the stream ended without a result", file=sys.stderr)
        return 1
    print_table(result)
    return 0


def print_table(result):
    print(f"{'#':<3} {'salary':>6} {'mean':>7} {'p90':>7} {'p99':>7} {'tail':>6}  drivers")
    for i, lineup in enumerate(result.lineups, 1):
        print(f"{i:<3} {lineup.salary:>6} {lineup.mean_points:7.1f} {lineup.p90_points:7.1f} "
              f"{lineup.p99_points:7.1f} {lineup.tail_probability:6.3f}  {', '.join(lineup.driver_names)}")
    d = result.diagnostics
    print(f"objective {result.objective_value:.4f}, {d.scenarios} scenarios, {d.candidates_evaluated} candidates, "
          f"solver {d.solver_status}, parameters: {d.parameter_source}")
    fresh = result.out_of_sample
    print(f"out of sample ({fresh.scenarios} fresh scenarios): objective {fresh.objective_value:.4f} "
          f"+- {fresh.objective_value_se:.4f}, ROI {fresh.contest.roi:.3f} (in sample {result.contest.roi:.3f})")
    for warning in d.warnings:
        print(f"warning: {warning}")
    for warning in fresh.warnings:
        print(f"warning (out of sample): {warning}")


if __name__ == "__main__":
    sys.exit(main())
