// Running independent jobs on several threads: the calling thread and up to `threads` − 1 more.
#pragma once

#include <cstddef>
#include <functional>

namespace zjgr {

/// Calls `job(i)` once for every i in [0, count), on the calling thread and on up to `threads` − 1
/// helper threads (0: one per core), each taking the next index as it is free. Jobs must touch only
/// their own state: which thread runs which index, and in what order, is not fixed.
/// A thread that cannot be started leaves its share to the others. The first exception a job
/// throws stops the jobs not yet started and is thrown again here once every thread has ended
/// (out of memory then ends the run as anywhere else, not with std::terminate on a helper).
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job);

}  // namespace zjgr
