package dev.bulwark.redis;

/**
 * Lettuce 7 is built on Netty 4.2, but runs on Netty 4.1 (which Quarkus 3 and Vert.x 4 apps have) over its NIO
 * transport; only its native transports (epoll, io_uring, kqueue) need 4.2's API. On 4.1 they are switched off,
 * unless the application chose otherwise, before Lettuce reads the switches.
 */
final class NettyLine {

    private static final String[] NATIVE_SWITCHES = {"io.lettuce.core.epoll", "io.lettuce.core.iouring",
        "io.lettuce.core.kqueue"};

    private NettyLine() {
    }

    static void prepare() {
        if (isNetty42()) {
            return;
        }
        for (String key : NATIVE_SWITCHES) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "false");
            }
        }
    }

    static boolean isNetty42() {
        try {
            Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup", false, NettyLine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError netty41) {
            return false;
        }
    }
}
