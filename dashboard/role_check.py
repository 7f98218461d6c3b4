"""The administrator's warning when the dashboard reads with a role that could write."""

from queries.privileges import WriteAccess

ADVICE = (
    "Quản trị viên: xin cho bảng điều hành đọc bằng một tài khoản chỉ có quyền SELECT "
    "(README, mục «Give it a SELECT-only role»)."
)


def warning(access: WriteAccess | None) -> str | None:
    """One Vietnamese paragraph naming what the role could do; None for a read-only role."""
    if access is None or not access.risky:
        return None
    # A superuser can do everything else listed here: saying so is enough.
    if access.superuser:
        powers = ["là siêu người dùng (superuser), bỏ qua được chế độ chỉ đọc"]
    else:
        powers = []
        if access.server_programs:
            powers.append("chạy được lệnh trên máy chủ cơ sở dữ liệu (COPY … TO PROGRAM)")
        if access.writable:
            powers.append(f"có quyền ghi, xóa trên các bảng {', '.join(access.writable)}")
    return (
        "Tài khoản cơ sở dữ liệu của bảng điều hành "
        + "; ".join(powers)
        + ": một lỗi có thể làm thay đổi dữ liệu Một cửa. "
        + ADVICE
    )
