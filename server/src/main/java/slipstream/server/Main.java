package slipstream.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.ArrayList;
import java.util.List;
import slipstream.server.calibration.CalibrateCommand;
import slipstream.server.telemetry.IngestCommand;

/**
 * Entry point of the server jar. {@code serve [--port N] [--data-dir DIR]} starts the gRPC server; the
 * {@code ./slipstream} launcher documents every subcommand.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "serve" : rest.remove(0);
        switch (command) {
            case "serve" -> serve(rest);
            case "ingest" -> ingest(rest);
            case "calibrate" -> calibrate(rest);
            default -> {
                System.err.println("unknown command '" + command + "'; run ./slipstream --help");
                System.exit(2);
            }
        }
    }

    private static void serve(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--port" -> System.setProperty("grpc.server.port", value(args, ++i, arg));
                case "--data-dir" -> System.setProperty("slipstream.data-dir", value(args, ++i, arg));
                default -> {
                    System.err.println("serve: unknown option '" + arg + "'; run ./slipstream --help");
                    System.exit(2);
                }
            }
        }
        Micronaut.build(new String[0]).mainClass(Main.class).banner(false).start();
    }

    /** {@code ingest [--data-dir DIR] [--kind K] FILE...}: the application context without the gRPC server. */
    private static void ingest(List<String> args) {
        List<String> rest = takeDataDir(args);
        System.setProperty("slipstream.telemetry.load-demo", "false");
        int code;
        try (ApplicationContext context = ApplicationContext.run()) {
            code = IngestCommand.run(context, rest, System.out, System.err);
        }
        System.exit(code);
    }

    /** {@code calibrate [--data-dir DIR] --train ... --holdout ...}: the application context without the gRPC server. */
    private static void calibrate(List<String> args) {
        List<String> rest = takeDataDir(args);
        int code;
        try (ApplicationContext context = ApplicationContext.run()) {
            code = CalibrateCommand.run(context, rest, System.out, System.err);
        }
        System.exit(code);
    }

    /** Applies {@code --data-dir DIR} and returns the other arguments. */
    private static List<String> takeDataDir(List<String> args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--data-dir")) {
                System.setProperty("slipstream.data-dir", value(args, ++i, "--data-dir"));
            } else {
                rest.add(args.get(i));
            }
        }
        return rest;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            System.err.println(option + " needs a value; run ./slipstream --help");
            System.exit(2);
        }
        return args.get(index);
    }
}
