// A TCP server whose connections say goodbye when they are dropped.
//
//   asyncdrop_asio_goodbye [connections]     (default 100; CTest runs it)
//
// The server accepts `connections` clients on 127.0.0.1 and keeps them in an
// AsyncDropHashMap.  Dropping the map drops every connection concurrently;
// a connection's cleanup (an asio::awaitable, see Connection::async_drop_impl)
// sends "goodbye\n", shuts its sending side down and waits until the peer has
// closed too, so that no byte is lost and no reset is sent.  Each client
// reads until end-of-file, checks that it got the goodbye, and closes.
//
// The program exits with 0 if every client got its goodbye followed by a
// clean end-of-file and the server saw every peer close cleanly.
#include <asyncdrop/asio.hpp>
#include <asyncdrop/asyncdrop.hpp>

#include <algorithm>
#include <boost/asio.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Stats {
  int cleanups = 0;
  int in_flight = 0;
  int max_in_flight = 0;
  int clean_closes = 0;
};

// The server's end of one connection.  Only make_guard<Connection> can make
// one, and its owner has to drop it: the goodbye cannot be forgotten.
class Connection {
 public:
  tcp::endpoint peer() const { return socket_.remote_endpoint(); }

 private:
  friend class asyncdrop::access;
  Connection(tcp::socket socket, Stats& stats) : socket_(std::move(socket)), stats_(&stats) {}
  Connection(const Connection&) = delete;

  net::awaitable<void> async_drop_impl() {
    ++stats_->cleanups;
    stats_->max_in_flight = std::max(stats_->max_in_flight, ++stats_->in_flight);
    static const std::string goodbye = "goodbye\n";
    co_await net::async_write(socket_, net::buffer(goodbye), net::use_awaitable);
    // Half-close: the peer reads end-of-file after the goodbye...
    socket_.shutdown(tcp::socket::shutdown_send);
    // ... and closes its end, which we wait for (reading until end-of-file),
    // so that our close cannot turn into a reset of unread data.
    char buffer[64];
    boost::system::error_code ec;
    std::size_t unexpected = 0;
    for (;;) {
      unexpected += co_await socket_.async_read_some(net::buffer(buffer),
                                                     net::redirect_error(net::use_awaitable, ec));
      if (ec) break;
    }
    if (ec == net::error::eof && unexpected == 0) ++stats_->clean_closes;
    socket_.close();
    --stats_->in_flight;
  }

  tcp::socket socket_;
  Stats* stats_;
};

net::awaitable<void> serve(tcp::acceptor& acceptor, int connections, Stats& stats) {
  asyncdrop::AsyncDropHashMap<int, Connection> open;
  for (int i = 0; i < connections; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    open.try_insert(i, asyncdrop::make_guard<Connection>(std::move(socket), stats));
  }
  std::printf("server: %d connections open, saying goodbye to all of them\n", connections);
  co_await open.async_drop();  // concurrently, as an Asio parallel group
}

net::awaitable<void> client(tcp::endpoint server, int& goodbyes) {
  tcp::socket socket(co_await net::this_coro::executor);
  co_await socket.async_connect(server, net::use_awaitable);
  std::string received;
  char buffer[64];
  boost::system::error_code ec;
  for (;;) {
    std::size_t n = co_await socket.async_read_some(net::buffer(buffer),
                                                    net::redirect_error(net::use_awaitable, ec));
    received.append(buffer, n);
    if (ec) break;
  }
  if (ec == net::error::eof && received == "goodbye\n") ++goodbyes;
  socket.close();
}

int main(int argc, char** argv) {
  const int connections = argc > 1 ? std::atoi(argv[1]) : 100;
  net::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  Stats stats;
  int goodbyes = 0;
  std::exception_ptr server_error;
  net::co_spawn(io, serve(acceptor, connections, stats),
                [&server_error](std::exception_ptr e) { server_error = e; });
  for (int i = 0; i < connections; ++i) {
    net::co_spawn(io, client(acceptor.local_endpoint(), goodbyes), net::detached);
  }
  io.run();
  if (server_error) {
    try {
      std::rethrow_exception(server_error);
    } catch (const std::exception& e) {
      std::printf("server failed: %s\n", e.what());
      return 1;
    }
  }
  std::printf("cleanups: %d (at most %d at once), clean closes: %d, goodbyes received: %d\n",
              stats.cleanups, stats.max_in_flight, stats.clean_closes, goodbyes);
  const bool ok = stats.cleanups == connections && stats.clean_closes == connections &&
                  goodbyes == connections && stats.max_in_flight == connections;
  std::puts(ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
