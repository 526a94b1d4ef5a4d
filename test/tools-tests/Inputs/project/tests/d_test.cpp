// A test: SyncDrop is fine here (tests/ matches TestFileRegex).
#include "../conn.h"

void test_shutdown() { app::BlockingConn conn(app::connect()); }
