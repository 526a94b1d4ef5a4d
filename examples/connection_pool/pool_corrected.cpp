// The corrected twin of pool_misuse.cpp: the connection is dropped on every
// path, including the early return.
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
    co_await conn.async_drop();
    co_return -1;
  }
  co_await conn.async_drop();
  co_return std::stoi(reply);
}

}  // namespace pool

int main() {
  examples::loop().run([]() -> asyncdrop::Task<void> {
    std::printf("orders: %d rows\n", co_await pool::count_rows("db1", "orders"));
    std::printf("empty_table: %d rows\n", co_await pool::count_rows("db1", "empty_table"));
  }());
}
