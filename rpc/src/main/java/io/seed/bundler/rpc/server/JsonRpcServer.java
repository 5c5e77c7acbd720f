package io.seed.bundler.rpc.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC server: HTTP and WebSocket on one port, served by Netty's NIO event loops, with
 * every request executed on its own virtual thread. Started once, closed once.
 *
 * <pre>{@code
 * HealthRoute health = new HealthRoute();
 * JsonRpcServer server = new JsonRpcServer(config, methods, Map.of("/health", health));
 * InetSocketAddress bound = server.start();
 * health.markReady();
 * ...
 * server.close();
 * }</pre>
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

  private final JsonRpcServerConfig config;
  private final JsonRpcProcessor processor;
  private final Map<String, HttpGetRoute> getRoutes;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private ExecutorService executor;
  private Channel serverChannel;
  private boolean used;

  /**
   * A server answering {@code methods} over JSON-RPC and {@code getRoutes} (path to route, e.g.
   * {@code /health}) over plain GET.
   */
  public JsonRpcServer(
      JsonRpcServerConfig config,
      JsonRpcMethodRegistry methods,
      Map<String, HttpGetRoute> getRoutes) {
    this.config = Objects.requireNonNull(config, "config");
    this.processor = new JsonRpcProcessor(methods, config.maxBatchSize());
    for (String path : getRoutes.keySet()) {
      if (!path.startsWith("/") || "/".equals(path) || "/rpc".equals(path)) {
        throw new IllegalArgumentException("not a path for a GET route: " + path);
      }
    }
    this.getRoutes = Map.copyOf(getRoutes);
  }

  /**
   * Binds and starts serving.
   *
   * @return the address bound (with the real port when the configured port is 0)
   * @throws IllegalStateException when the server was already started, or cannot bind
   */
  public synchronized InetSocketAddress start() {
    if (used) {
      throw new IllegalStateException("a JsonRpcServer starts only once");
    }
    used = true;
    bossGroup = new NioEventLoopGroup(1);
    workerGroup = new NioEventLoopGroup();
    executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rpc-", 0).factory());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new JsonRpcServerInitializer(config, processor, executor, getRoutes));
    try {
      serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
    } catch (Exception e) {
      // Netty rethrows the bind failure (a checked BindException) without declaring it.
      shutdown();
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    InetSocketAddress bound = localAddress();
    LOG.info("JSON-RPC server listening on {}", bound);
    return bound;
  }

  /**
   * The address the server listens on.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public synchronized InetSocketAddress localAddress() {
    if (serverChannel == null) {
      throw new IllegalStateException("the server is not listening");
    }
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Stops listening, closes every connection and waits briefly for running requests. */
  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    shutdown();
  }

  private void shutdown() {
    if (bossGroup != null) {
      for (EventLoopGroup group : List.of(bossGroup, workerGroup)) {
        group
            .shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .syncUninterruptibly();
      }
      bossGroup = null;
      workerGroup = null;
    }
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("JSON-RPC requests still running at shutdown; interrupting them");
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }
}
