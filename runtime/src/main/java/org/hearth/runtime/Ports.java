package org.hearth.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports for embedded components, and reachability checks for external ones. */
public final class Ports {
  private Ports() {}

  /** A port free on 127.0.0.1 at the time of the call. */
  public static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new HearthException("no free loopback port could be found: " + e.getMessage(), e);
    }
  }

  /** Fails with a clear message when the port is taken on 127.0.0.1. */
  public static void requireFree(int port, String what) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new HearthException(
          "port "
              + port
              + " for "
              + what
              + " is already in use on 127.0.0.1; stop what holds it or choose another port");
    }
  }

  /** Fails with a clear message unless one of host:port[,host:port] accepts a connection. */
  public static void requireReachable(String hostPorts, String what) {
    for (String hp : hostPorts.split(",")) {
      String t = hp.trim();
      int colon = t.lastIndexOf(':');
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1))),
            3000);
        return;
      } catch (IOException | RuntimeException e) {
        // try the next address
      }
    }
    throw new HearthException(
        what + " at " + hostPorts + " cannot be reached; check the address and that it is running");
  }
}
