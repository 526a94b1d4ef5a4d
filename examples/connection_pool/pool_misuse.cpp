// A connection pool: connections must say goodbye to the server before they
// are closed, so they are handed out as AsyncDropGuard<Connection>.
//
// expect: asyncdrop-missing-async-drop
// The deliberate misuse: count_rows() returns early on an empty reply and
// forgets to drop the connection on that path. At run time that is a
// forgotten drop (the program aborts); asyncdrop-missing-async-drop reports
// it at compile time.
#include "../common/sim_loop.hpp"

#include <string>

namespace pool {

class Connection {
 public:
  asyncdrop::Task<std::string> query(std::string sql) {
    co_await examples::loop().io();
    co_return sql.find("empty_table") != std::string::npos ? "" : "42";
  }

 private:
  friend class asyncdrop::access;
  explicit Connection(std::string peer) : peer_(std::move(peer)) {}

  asyncdrop::Task<void> async_drop_impl() {
    co_await examples::loop().io();  // send "goodbye", wait for the ack
    std::printf("connection to %s closed cleanly\n", peer_.c_str());
  }

  std::string peer_;
};

asyncdrop::Task<asyncdrop::AsyncDropGuard<Connection>> checkout(std::string peer) {
  co_await examples::loop().io();  // the handshake
  co_return asyncdrop::make_guard<Connection>(std::move(peer));
}

asyncdrop::Task<int> count_rows(std::string peer, std::string table) {
  auto conn = co_await checkout(std::move(peer));
  std::string reply = co_await conn->query("SELECT COUNT(*) FROM " + table);
  if (reply.empty()) {
    co_return -1;  // BUG: `conn` is destroyed without its goodbye
  }
  co_await conn.async_drop();
  co_return std::stoi(reply);
}

}  // namespace pool

int main() {
  examples::loop().run([]() -> asyncdrop::Task<void> {
    std::printf("orders: %d rows\n", co_await pool::count_rows("db1", "orders"));
  }());
}
