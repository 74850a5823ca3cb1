package io.stowage.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback's first configuration: nothing is logged until {@link StowageLog#toFile} sets up the file (the launcher
 * does) or {@code --verbose} the error stream; tests and library use stay silent. Done in code, found through
 * {@code META-INF/services}, because a {@code logback.xml} makes logback load its XML configurator first (about
 * 350 classes, a third of a second of every command's start) only to be replaced a moment later.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class SilentUntilSetUp extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
