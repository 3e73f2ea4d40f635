package io.envguard.cli.permissions;

import picocli.CommandLine;

/** The changes a restricted environment guards, as the platform names them; typed as {@code promote}, {@code update-autoscaling}, ... */
public enum Action {
    PROMOTE, MANAGE_ENVIRONMENT, UPDATE_AUTOSCALING, UPDATE_DEPLOYMENT;

    static final class Converter implements CommandLine.ITypeConverter<Action> {
        @Override
        public Action convert(String value) {
            try {
                return Action.valueOf(value.strip().toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("\"" + value + "\" is no action; one of promote, "
                        + "manage-environment, update-autoscaling, update-deployment");
            }
        }
    }
}
