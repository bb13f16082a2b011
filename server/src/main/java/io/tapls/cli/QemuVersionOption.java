package io.tapls.cli;

import io.tapls.traceevents.QemuVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** --qemu-version, for every command that reads trace-events files. */
final class QemuVersionOption {
    @Option(names = "--qemu-version", paramLabel = "X.Y", converter = Converter.class,
            description = "QEMU release whose tracetool to follow: 10.2 (default) or older, e.g. 7.2.")
    QemuVersion version = QemuVersion.CURRENT;

    static final class Converter implements ITypeConverter<QemuVersion> {
        @Override
        public QemuVersion convert(String value) {
            try {
                return QemuVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
