// The Python half of the tracemalloc module: CPython's Lib/tracemalloc.py, reduced, over the
// native functions of tracemalloc.ts (the heavy snapshot work stays native: _snapshot_*). It runs
// under tracemalloc.py's file name, so the objects it allocates (Statistic lists, Frames...) are
// attributed to tracemalloc.py, as in CPython, and Filter(True, __file__) leaves them out.
// Texts (str/repr) follow Lib/tracemalloc.py; Snapshot.dump/load (pickle) are not modelled.
export const TRACEMALLOC_PY_FILENAME = "/usr/local/lib/python3.13/tracemalloc.py";

export const TRACEMALLOC_PY = `
def _normalize_filename(filename):
    if filename.endswith('.pyc'):
        filename = filename[:-1]
    return filename


class Frame:
    __slots__ = ("_frame",)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return f"{self.filename}:{self.lineno}"

    def __repr__(self):
        return f"<Frame filename={self.filename!r} lineno={self.lineno!r}>"


class Traceback:
    __slots__ = ("_frames", "_total_nframe")

    def __init__(self, frames, total_nframe=None):
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Frame(trace) for trace in self._frames[index])
        else:
            return Frame(self._frames[index])

    def __iter__(self):
        for trace in self._frames:
            yield Frame(trace)

    def __contains__(self, frame):
        return frame._frame in self._frames

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        s = f"<Traceback {tuple(self)}"
        if self._total_nframe is None:
            s += ">"
        else:
            s += f" total_nframe={self.total_nframe}>"
        return s

    def format(self, limit=None, most_recent_first=False):
        lines = []
        if limit is not None:
            if limit > 0:
                frame_slice = self[-limit:]
            else:
                frame_slice = self[:limit]
        else:
            frame_slice = tuple(self)
        if most_recent_first:
            frame_slice = reversed(frame_slice)
        for frame in frame_slice:
            lines.append('  File "%s", line %s' % (frame.filename, frame.lineno))
            line = _getline(frame.filename, frame.lineno).strip()
            if line:
                lines.append('    %s' % line)
        return lines


def get_object_traceback(obj):
    frames = _get_object_traceback(obj)
    if frames is not None:
        return Traceback(frames)
    else:
        return None


class Statistic:
    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback
                and self.size == other.size
                and self.count == other.count)

    def __str__(self):
        text = f"{self.traceback}: size={_format_size(self.size, False)}, count={self.count}"
        if self.count:
            average = self.size / self.count
            text += f", average={_format_size(average, False)}"
        return text

    def __repr__(self):
        return f"<Statistic traceback={self.traceback!r} size={self.size} count={self.count}>"

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff,
                     self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback
                and self.size == other.size
                and self.size_diff == other.size_diff
                and self.count == other.count
                and self.count_diff == other.count_diff)

    def __str__(self):
        sign = "+" if self.count_diff >= 0 else ""
        text = (f"{self.traceback}: size={_format_size(self.size, False)} "
                f"({_format_size(self.size_diff, True)}), "
                f"count={self.count} ({sign}{self.count_diff})")
        if self.count:
            average = self.size / self.count
            text += f", average={_format_size(average, False)}"
        return text

    def __repr__(self):
        sign = "+" if self.size_diff >= 0 else ""
        csign = "+" if self.count_diff >= 0 else ""
        return (f"<StatisticDiff traceback={self.traceback!r} size={self.size} ({sign}{self.size_diff}) "
                f"count={self.count} ({csign}{self.count_diff})>")

    def _sort_key(self):
        return (abs(self.size_diff), self.size,
                abs(self.count_diff), self.count,
                self.traceback)


class Trace:
    __slots__ = ("_trace",)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(self._trace[2], self._trace[3])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return f"{self.traceback}: {_format_size(self.size, False)}"

    def __repr__(self):
        return f"<Trace domain={self.domain} size={_format_size(self.size, False)}, traceback={self.traceback!r}>"


class _Traces:
    def __init__(self, data):
        self._data = data

    def __len__(self):
        return _snapshot_len(self._data)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(Trace(_snapshot_trace(self._data, i)) for i in range(_snapshot_len(self._data))[index])
        else:
            return Trace(_snapshot_trace(self._data, index))

    def __iter__(self):
        for i in range(_snapshot_len(self._data)):
            yield Trace(_snapshot_trace(self._data, i))

    def __contains__(self, trace):
        for t in self:
            if t == trace:
                return True
        return False

    def __repr__(self):
        return f"<Traces len={len(self)}>"


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern,
                 lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self.inclusive = inclusive
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain


class Snapshot:
    def __init__(self, traces, traceback_limit):
        if type(traces) is _SnapshotData:
            self._data = traces
        else:
            self._data = _snapshot_from_traces(list(traces), traceback_limit)

    @property
    def traceback_limit(self):
        return _snapshot_limit(self._data)

    @property
    def traces(self):
        return _Traces(self._data)

    def filter_traces(self, filters):
        specs = []
        for trace_filter in filters:
            if isinstance(trace_filter, Filter):
                specs.append((True, trace_filter.inclusive, trace_filter.filename_pattern,
                              trace_filter.lineno, trace_filter.all_frames, trace_filter.domain))
            elif isinstance(trace_filter, DomainFilter):
                specs.append((False, trace_filter.inclusive, None, None, False, trace_filter.domain))
            else:
                raise TypeError(f"filters must be a list of filters, not {type(filters).__name__}")
        return Snapshot(_snapshot_filter(self._data, specs), None)

    def statistics(self, key_type, cumulative=False):
        return [Statistic(Traceback(frames), size, count)
                for frames, size, count in _snapshot_statistics(self._data, key_type, cumulative)]

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        return [StatisticDiff(Traceback(frames), size, size_diff, count, count_diff)
                for frames, size, size_diff, count, count_diff
                in _snapshot_compare(self._data, old_snapshot._data, key_type, cumulative)]


def take_snapshot():
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory "
                           "allocations to take a snapshot")
    return Snapshot(_snapshot_take(), None)
`;
